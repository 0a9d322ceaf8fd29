import type { SubmittedApplication } from './applications.ts';
import type { CheckHit, CheckOutcome, CheckSubject, EtiasCheck } from './model.ts';

let counter = 0;

/** A valid application (for tests and the demo): a US citizen with a fresh passport number each call. */
export function etiasApplication(overrides: Partial<SubmittedApplication> = {}): SubmittedApplication {
  counter += 1;
  return {
    surname: 'Walker',
    givenNames: 'Jonathan',
    birthDate: '1985-04-12',
    placeOfBirth: 'Denver',
    countryOfBirth: 'USA',
    sex: 'M',
    nationalities: ['USA'],
    document: {
      type: 'P',
      number: `X${String(Date.now() % 1e7).padStart(7, '0')}${counter}`,
      issuingState: 'USA',
      expiry: '2034-01-31',
    },
    residence: { country: 'USA', city: 'Denver' },
    email: 'jonathan.walker@example.org',
    intendedFirstStay: { memberState: 'ES' },
    background: { criminalConviction: false, conflictZoneStay: false, removalOrder: false },
    ...overrides,
  };
}

/**
 * A check for tests: answers `hitsFor(subject)` (none by default), or fails, or never answers; counts calls
 * and remembers what `record` was called with.
 */
export class FakeEtiasCheck implements EtiasCheck {
  readonly system: string;
  calls = 0;
  recorded: string[] = [];
  mode: 'answer' | 'fail' | 'hang' = 'answer';
  hitsFor: (subject: CheckSubject) => CheckHit[] = () => [];

  constructor(system = 'fake') {
    this.system = system;
  }

  run(subject: CheckSubject, call: { signal?: AbortSignal }): Promise<CheckOutcome> {
    this.calls += 1;
    if (this.mode === 'fail') {
      return Promise.reject(new Error('fake check is down'));
    }
    if (this.mode === 'hang') {
      return new Promise((_, reject) =>
        call.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    return Promise.resolve({
      hits: this.hitsFor(subject),
      record: (_trx, applicationId) => {
        this.recorded.push(applicationId);
        return Promise.resolve();
      },
    });
  }
}
