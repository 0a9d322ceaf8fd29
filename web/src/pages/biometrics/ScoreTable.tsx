import { Table } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { MessageId } from '../../i18n/messages.ts';
import { formatScore, templateLabel } from './format.ts';

/** One comparison of a probe template with a stored one (the matching service's `TemplateScore`). */
export interface TemplateScore {
  modality: 'face' | 'finger';
  position: number;
  score: number;
  probeQuality: number;
  storedQuality: number;
}

/** Scores per template pair, faces first, then fingers by ISO position. */
export function ScoreTable({
  scores,
  caption,
  probeLabel = 'biometrics.col.probeQuality',
  storedLabel = 'biometrics.col.storedQuality',
}: {
  scores: readonly TemplateScore[];
  caption: MessageId;
  probeLabel?: MessageId;
  storedLabel?: MessageId;
}) {
  const intl = useIntl();
  const ordered = [...scores].sort(
    (a, b) => Number(a.modality === 'finger') - Number(b.modality === 'finger') || a.position - b.position,
  );
  return (
    <Table withTableBorder striped data-testid="score-table" aria-label={intl.formatMessage({ id: caption })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">
            <FormattedMessage id="biometrics.col.template" />
          </Table.Th>
          <Table.Th scope="col">
            <FormattedMessage id="biometrics.col.similarity" />
          </Table.Th>
          <Table.Th scope="col">
            <FormattedMessage id={probeLabel} />
          </Table.Th>
          <Table.Th scope="col">
            <FormattedMessage id={storedLabel} />
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ordered.map((s) => (
          <Table.Tr
            key={`${s.modality}-${s.position}`}
            data-testid="template-score"
            data-modality={s.modality}
            data-position={s.position}
          >
            <Table.Th scope="row" fw={500}>
              {templateLabel(intl, s.modality, s.position)}
            </Table.Th>
            <Table.Td data-col="score">{formatScore(intl, s.score, 3)}</Table.Td>
            <Table.Td data-col="probeQuality">{s.probeQuality}</Table.Td>
            <Table.Td data-col="storedQuality">{s.storedQuality}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
