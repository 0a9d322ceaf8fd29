import { Alert, List, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { FieldIssue } from '../../../api/types.ts';
import { statusText } from '../../../theme.ts';

/**
 * The count of the form's problems, and those no field of the form holds listed by path; focused when the
 * problems have no field to focus.
 */
export function AlertProblems({ count, unplaced }: { count: number; unplaced: readonly FieldIssue[] }) {
  const intl = useIntl();
  if (count === 0) {
    return null;
  }
  return (
    <Alert
      id="alert-problems"
      tabIndex={-1}
      color={statusText.danger}
      variant="outline"
      role="alert"
      title={intl.formatMessage({ id: 'sisForm.problems.title' })}
      data-testid="alert-problems"
    >
      <Text size="sm">
        <FormattedMessage id="sisForm.problems.count" values={{ count }} />
      </Text>
      {unplaced.length > 0 && (
        <List size="sm" mt="xs">
          {unplaced.map((i) => (
            <List.Item key={`${i.path}-${i.message}`} data-path={i.path}>
              <Text span fw={700}>
                {i.path}:
              </Text>{' '}
              {i.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
