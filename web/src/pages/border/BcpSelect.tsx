import { Select } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';

import type { Bcp, BcpsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';

const BCP_KEY = 'interlink.bcp';

/**
 * The guard's post is a property of the workstation rather than of the sign-in, so the choice is kept in
 * localStorage and survives the end of the tab; it holds no personal data.
 */
function readStoredBcp(): string | null {
  try {
    return localStorage.getItem(BCP_KEY);
  } catch {
    return null;
  }
}

function storeBcp(id: string): void {
  try {
    localStorage.setItem(BCP_KEY, id);
  } catch {
    // Storage refused (private mode): the choice then lasts for this page only.
  }
}

/**
 * The border crossing point of the check, among those of the guard's own member state (a guard records
 * crossings at their state's crossing points only). Defaults to the last one chosen, else the first listed.
 */
export function BcpSelect({ value, onChange }: { value: Bcp | null; onChange: (bcp: Bcp) => void }) {
  const intl = useIntl();
  const { api, user } = useSession();
  const [bcps, setBcps] = useState<Bcp[]>([]);
  const [error, setError] = useState<unknown>(null);
  // The list is loaded once per member state, not again whenever the parent passes a new callback.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const controller = new AbortController();
    api<BcpsResponse>('/reference/bcps', {
      query: { memberState: user.authority.memberState },
      signal: controller.signal,
    }).then(
      (answer) => {
        const list = answer.borderCrossingPoints;
        setBcps(list);
        const stored = readStoredBcp();
        const initial = list.find((b) => b.id === stored) ?? list[0];
        if (initial !== undefined) {
          onChangeRef.current(initial);
        }
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setError(failure);
        }
      },
    );
    return () => controller.abort();
  }, [api, user.authority.memberState]);

  if (error !== null) {
    return <ErrorAlert error={error} title="border.bcp.loadFailed" />;
  }
  return (
    <Select
      label={intl.formatMessage({ id: 'border.bcp' })}
      description={intl.formatMessage({ id: 'border.bcp.description' })}
      placeholder={intl.formatMessage({ id: 'border.bcp.loading' })}
      data={bcps.map((b) => ({ value: b.id, label: `${b.name} (${b.id})` }))}
      value={value?.id ?? null}
      onChange={(id) => {
        const bcp = bcps.find((b) => b.id === id);
        if (bcp !== undefined) {
          storeBcp(bcp.id);
          onChange(bcp);
        }
      }}
      searchable
      allowDeselect={false}
      required
      data-testid="bcp-select"
    />
  );
}
