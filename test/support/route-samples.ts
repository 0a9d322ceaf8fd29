import type { RouteInfo } from '../../src/app.ts';
import { SyntheticBiometrics } from '../../src/contexts/sbms/index.ts';

let counter = 0;

/** A valid request for every route; a new route without an entry here fails the walk below. */
export function sample(route: RouteInfo): { url: string; body?: unknown } | null {
  const key = `${route.method} ${route.url}`;
  switch (key) {
    case 'POST /api/v1/auth/login':
      return { url: route.url, body: { username: 'border.fi', password: 'interlink-demo' } };
    case 'POST /api/v1/access/users': {
      counter += 1;
      return {
        url: route.url,
        body: {
          username: `matrix.${counter}`,
          displayName: 'Matrix',
          password: 'a long password',
          authorityId: 'auth_missing',
        },
      };
    }
    case 'PATCH /api/v1/access/authorities/:id':
      return { url: '/api/v1/access/authorities/auth_missing', body: { cirIdentification: false } };
    case 'PATCH /api/v1/access/users/:id':
      return { url: '/api/v1/access/users/usr_missing', body: { active: false } };
    case 'POST /api/v1/access/users/:id/confirmation':
      return {
        url: '/api/v1/access/users/usr_missing/confirmation',
        body: { decision: 'reject', reason: 'x' },
      };
    case 'POST /api/v1/access/token-secret/rotation':
      // A normal rotation: tokens already issued (the matrix's own) stay valid.
      return { url: route.url, body: { reason: 'Matrix', revokeExisting: false } };
    case 'GET /api/v1/reference/bcps/:id':
      return { url: '/api/v1/reference/bcps/FI-VAALIMAA' };
    case 'GET /api/v1/reference/bcps/:id/local-date':
      return { url: '/api/v1/reference/bcps/FI-HEL/local-date?at=2026-03-28T23:30:00Z' };
    case 'GET /api/v1/reference/countries':
    case 'GET /api/v1/reference/member-states':
    case 'GET /api/v1/reference/bcps':
    case 'GET /api/v1/sis/catalogue':
    case 'GET /api/v1/search/profile':
    case 'GET /api/v1/home/counters':
      return { url: route.url };
    case 'GET /api/v1/audit/events':
      return { url: `${route.url}?limit=2` };
    case 'GET /api/v1/audit/events.csv':
      return { url: `${route.url}?user=nobody` };
    case 'POST /api/v1/audit/exports':
      return {
        url: route.url,
        body: {
          screen: 'audit-log',
          system: 'audit',
          filters: { user: 'nobody' },
          columns: ['time'],
          rows: 0,
        },
      };
    case 'POST /api/v1/ees/files': {
      counter += 1;
      return {
        url: route.url,
        body: {
          kind: 'visa-exempt',
          surname: 'Matrix',
          givenNames: 'Test',
          birthDate: '1980-01-01',
          nationalities: ['USA'],
          sex: 'F',
          documents: [{ type: 'P', number: `MX${counter}`, issuingState: 'USA', expiry: '2035-01-01' }],
          facialImageRef: 'face:matrix',
          fingerprintExemption: 'physical-impossibility',
        },
      };
    }
    case 'GET /api/v1/ees/files/:id':
      return { url: '/api/v1/ees/files/eesf_missing' };
    case 'POST /api/v1/ees/files/:id/entries':
    case 'POST /api/v1/ees/files/:id/exits':
      return {
        url: route.url.replace(':id', 'eesf_missing'),
        body: { at: '2026-01-01T10:00:00Z', bcpId: 'FI-HEL' },
      };
    case 'POST /api/v1/ees/files/:id/refusals':
      return {
        url: route.url.replace(':id', 'eesf_missing'),
        body: { at: '2026-01-01T10:00:00Z', bcpId: 'FI-HEL', reasons: ['A'] },
      };
    case 'GET /api/v1/ees/refusals/:id/notice.pdf':
      return { url: '/api/v1/ees/refusals/eesx_00000000-0000-4000-8000-000000000000/notice.pdf?lang=de' };
    case 'POST /api/v1/ees/records/:id/decisions':
      return {
        url: '/api/v1/ees/records/eesr_missing/decisions',
        body: { kind: 'revoked', place: 'Helsinki', decidedOn: '2026-01-01' },
      };
    case 'POST /api/v1/ees/search/document':
    case 'POST /api/v1/ees/verifications':
      return { url: route.url, body: { number: 'MX0', issuingState: 'USA' } };
    case 'POST /api/v1/ees/search/identity':
      return { url: route.url, body: { surname: 'Matrix', birthDate: '1980-00-00' } };
    case 'GET /api/v1/ees/overstayers':
      return {
        url: `${route.url}?limit=5&offset=0&sort=overstayDays&order=desc&memberState=FI&nationality=USA`,
      };
    case 'POST /api/v1/ees/traveller-service':
      return {
        url: route.url,
        body: {
          documentNumber: 'MX0',
          issuingState: 'USA',
          documentExpiry: '2030-01-01',
          intendedEntry: new Date().toISOString().slice(0, 10),
        },
      };
    case 'POST /api/v1/ees/carrier-service':
      return {
        url: route.url,
        body: { documentNumber: 'MX0', issuingState: 'USA', intendedEntry: '2026-01-01' },
      };
    case 'POST /api/v1/etias/carrier-service':
      return {
        url: route.url,
        body: {
          documentNumber: 'MX0',
          issuingState: 'USA',
          nationality: 'USA',
          memberStateOfEntry: 'FR',
          intendedEntry: '2026-01-01',
        },
      };
    case 'POST /api/v1/border-check':
      return {
        url: route.url,
        body: {
          mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
          bcpId: 'FI-HEL',
          // A live capture: the walks feed its template text what once broke routes (SBMS_* 400, never 5xx).
          biometrics: [new SyntheticBiometrics().face('route-sample')],
        },
      };
    case 'POST /api/v1/search':
    case 'POST /api/v1/search/merged':
      return { url: route.url, body: { surname: 'DOE', birthDate: '1980-01-01' } };
    case 'POST /api/v1/sis/alerts':
      return {
        url: route.url,
        body: {
          category: 'object-seizure',
          object: {
            type: 'motor-vehicle',
            identifiers: [{ kind: 'plate', value: 'AB-123-CD', country: 'FRA' }],
          },
          reason: 'Stolen vehicle',
          decisionRef: 'PV-1',
        },
      };
    case 'GET /api/v1/sis/alerts/:id':
      return { url: '/api/v1/sis/alerts/sis_missing' };
    case 'PUT /api/v1/sis/alerts/:id':
      return {
        url: '/api/v1/sis/alerts/sis_missing',
        body: {
          alert: {
            category: 'object-seizure',
            object: { type: 'number-plate', identifiers: [{ kind: 'plate', value: 'XY-1' }] },
            reason: 'Stolen plate',
            decisionRef: 'PV-2',
          },
        },
      };
    case 'DELETE /api/v1/sis/alerts/:id':
      return { url: '/api/v1/sis/alerts/sis_missing', body: { reason: 'decision withdrawn' } };
    case 'POST /api/v1/sis/alerts/:id/extend':
      return {
        url: '/api/v1/sis/alerts/sis_missing/extend',
        body: { assessment: 'Investigation ongoing; the alert is still needed.' },
      };
    case 'GET /api/v1/sis/alerts':
      return { url: route.url };
    case 'GET /api/v1/sis/review-queue':
      return { url: `${route.url}?due=soon&dueBefore=2026-06-01&sort=reviewDue&order=desc&limit=5&offset=0` };
    case 'GET /api/v1/sis/hits':
      return {
        url: `${route.url}?deadline=soon&dueWithinHours=4&reportingState=FI&sort=createdAt&order=desc&offset=0`,
      };
    case 'POST /api/v1/sis/search/persons':
      return { url: route.url, body: { surname: 'DOE', birthDate: '1980-01-01' } };
    case 'POST /api/v1/sis/search/documents':
      return { url: route.url, body: { number: 'X1234567', issuingCountry: 'FRA' } };
    case 'POST /api/v1/sis/search/vehicles':
      return { url: route.url, body: { plate: 'AB-123-CD', country: 'FRA' } };
    case 'POST /api/v1/sis/hits':
      return {
        url: route.url,
        body: {
          alertId: 'sis_missing',
          location: { place: 'FI-VAALIMAA' },
          checked: { dataTypes: ['plate'] },
        },
      };
    case 'PUT /api/v1/sis/hits/:id/information':
      return { url: '/api/v1/sis/hits/hit_missing/information', body: { information: { located: true } } };
    case 'GET /api/v1/sis/hits/:id':
      return { url: '/api/v1/sis/hits/hit_missing' };
    case 'POST /api/v1/sis/hits/:id/messages':
      return { url: '/api/v1/sis/hits/hit_missing/messages', body: { body: 'Supplementary information.' } };
    case 'POST /api/v1/etias/applications': {
      counter += 1;
      return {
        url: route.url,
        body: {
          surname: 'Matrix',
          givenNames: 'Ann',
          birthDate: '1980-05-01',
          placeOfBirth: 'Boston',
          countryOfBirth: 'USA',
          sex: 'F',
          nationalities: ['USA'],
          document: { type: 'P', number: `MXE${counter}`, issuingState: 'USA', expiry: '2034-01-01' },
          residence: { country: 'USA', city: 'Boston' },
          email: 'ann.matrix@example.org',
          intendedFirstStay: { memberState: 'FR' },
          background: { criminalConviction: false, conflictZoneStay: false, removalOrder: false },
        },
      };
    }
    case 'GET /api/v1/etias/applications/:id/status':
      return { url: '/api/v1/etias/applications/app_missing/status?documentNumber=MXE0' };
    case 'POST /api/v1/etias/applications/:id/retention-consent':
      return {
        url: '/api/v1/etias/applications/app_missing/retention-consent',
        body: { documentNumber: 'MXE0', years: 1 },
      };
    case 'GET /api/v1/etias/central-unit/queue':
      return {
        url: `${route.url}?limit=5&offset=0&sort=deadline&order=asc&deadline=soon&dueWithinHours=4&nationality=USA&rule=SIS_REFUSAL_ALERT`,
      };
    case 'GET /api/v1/etias/applications/:id':
      return { url: '/api/v1/etias/applications/app_missing' };
    case 'POST /api/v1/etias/applications/:id/hits/:hitId/verification':
      return {
        url: '/api/v1/etias/applications/app_missing/hits/eht_missing/verification',
        body: { verdict: 'false', note: 'Not the same person.', version: 1 },
      };
    case 'GET /api/v1/etias/screening-rules':
      return { url: `${route.url}?status=active` };
    case 'POST /api/v1/etias/screening-rules':
      return {
        url: route.url,
        body: {
          name: 'Matrix rule',
          riskType: 'security',
          legalBasis: 'd',
          boardReference: 'ESB-MATRIX',
          predicates: { nationalities: ['USA'], educationLevels: ['none'] },
        },
      };
    case 'GET /api/v1/etias/screening-rules/:id/versions':
      return { url: '/api/v1/etias/screening-rules/sr_0000000000000000/versions' };
    case 'POST /api/v1/etias/screening-rules/:id/versions':
      return {
        url: '/api/v1/etias/screening-rules/sr_0000000000000000/versions',
        body: {
          name: 'Matrix rule',
          riskType: 'security',
          legalBasis: 'd',
          boardReference: 'ESB-MATRIX',
          predicates: { residenceCountries: ['CAN'] },
          expectedVersion: 1,
        },
      };
    case 'POST /api/v1/etias/screening-rules/:id/impact':
      return { url: '/api/v1/etias/screening-rules/sr_0000000000000000/impact' };
    case 'POST /api/v1/etias/screening-rules/:id/activate':
      return {
        url: '/api/v1/etias/screening-rules/sr_0000000000000000/activate',
        body: { expectedVersion: 1 },
      };
    case 'POST /api/v1/etias/screening-rules/:id/retire':
      return { url: '/api/v1/etias/screening-rules/sr_0000000000000000/retire' };
    case 'GET /api/v1/etias/watchlist':
      return { url: `${route.url}?dueBy=2030-01-01&limit=5&offset=0` };
    case 'POST /api/v1/etias/watchlist/preview':
      return { url: route.url, body: { data: { email: 'matrix.preview@example.org' } } };
    case 'POST /api/v1/etias/watchlist':
      counter += 1;
      return {
        url: route.url,
        body: { reason: 'Matrix entry', data: { email: `matrix.${counter}@example.org` } },
      };
    case 'POST /api/v1/etias/watchlist/:id/review':
      return { url: '/api/v1/etias/watchlist/wl_0000000000000000/review', body: { decision: 'keep' } };
    case 'DELETE /api/v1/etias/watchlist/:id':
      return { url: '/api/v1/etias/watchlist/wl_0000000000000000' };
    case 'GET /api/v1/hubs':
      return { url: route.url };
    case 'POST /api/v1/hubs':
      return {
        url: route.url,
        body: {
          id: 'matrix-hub',
          name: 'Matrix hub',
          kind: 'seaport',
          memberState: 'BE',
          operatorAuthorityId: 'auth_missing',
          gates: [{ id: 'g1', name: 'Gate 1', cameras: [{ id: 'c1', kind: 'plate', direction: 'in' }] }],
        },
      };
    case 'GET /api/v1/hubs/:hubId':
    case 'GET /api/v1/hubs/:hubId/desk-users':
      return { url: route.url.replace(':hubId', 'hub-missing') };
    case 'GET /api/v1/hubs/:hubId/hits':
      return {
        url: `${route.url.replace(':hubId', 'hub-missing')}?acknowledged=false&objectType=container&sort=confidence&offset=0`,
      };
    case 'POST /api/v1/hubs/:hubId/reads':
    case 'POST /api/v1/hubs/:hubId/reads/stream':
      return {
        url: route.url.replace(':hubId', 'hub-missing'),
        body: {
          reads: [
            { at: '2026-01-01T10:00:00Z', gateId: 'g1', direction: 'in', plate: { text: 'AB-123-CD' } },
          ],
        },
      };
    case 'POST /api/v1/hubs/:hubId/hits/:hitId/actions':
      return { url: '/api/v1/hubs/hub-missing/hits/hubhit_missing/actions', body: { action: 'acknowledge' } };
    case 'GET /api/v1/hubs/:hubId/port-calls':
      return { url: '/api/v1/hubs/hub-missing/port-calls?limit=10&offset=0' };
    case 'GET /api/v1/hubs/:hubId/port-calls/:portCallId':
      return { url: '/api/v1/hubs/hub-missing/port-calls/portcall_missing' };
    case 'POST /api/v1/hubs/:hubId/port-calls':
      return {
        url: '/api/v1/hubs/hub-missing/port-calls',
        body: {
          vessel: { imo: '9074729', name: 'Matrix', flag: 'PA', type: 'container-ship' },
          arrivedAt: '2026-01-01T10:00:00Z',
          previousPorts: ['CNSHA'],
          containersDischarged: ['MSCU3045121'],
        },
      };
    case 'GET /api/v1/hubs/:hubId/hits/live':
      // A probe: the feed sends its `ready` event and closes, so the walk never waits on an open stream.
      return { url: '/api/v1/hubs/hub-missing/hits/live?once=true' };
    case 'POST /api/v1/auth/logout':
      // Only called without a token by the matrix (it is `authenticated`, not a permission route); the logout
      // itself has its own test below, since it would end a token the matrix still needs.
      return { url: route.url };
    case 'GET /api/v1/auth/me':
    case 'GET /api/v1/access/purposes':
    case 'GET /api/v1/access/authorities':
    case 'GET /api/v1/access/users':
    case 'GET /api/v1/access/user-requests':
    case 'GET /api/v1/access/roles':
    case 'POST /api/v1/audit/verify':
    case 'GET /healthz':
    case 'GET /readyz':
    case 'GET /metrics':
    case 'GET /openapi.json':
      return { url: route.url };
    // ETIAS National Units' manual processing (arts. 26-44).
    case 'GET /api/v1/etias/national-unit/queue':
      return { url: `${route.url}?limit=5&deadline=overdue` };
    case 'GET /api/v1/etias/consultations':
      return { url: `${route.url}?limit=5` };
    case 'GET /api/v1/etias/applications/:id/manual':
      return { url: '/api/v1/etias/applications/eta_missing/manual' };
    case 'POST /api/v1/etias/applications/:id/requests':
      return { url: '/api/v1/etias/applications/eta_missing/requests', body: { question: 'Proof of funds' } };
    case 'GET /api/v1/etias/applications/:id/requests':
      return { url: '/api/v1/etias/applications/eta_missing/requests?documentNumber=X1' };
    case 'POST /api/v1/etias/applications/:id/requests/:requestId/reply':
      return {
        url: '/api/v1/etias/applications/eta_missing/requests/eri_missing/reply',
        body: { documentNumber: 'X1', text: 'Attached' },
      };
    case 'POST /api/v1/etias/applications/:id/interviews':
      return {
        url: '/api/v1/etias/applications/eta_missing/interviews',
        body: { scheduledAt: '2199-01-01T10:00:00Z', mode: 'video', place: 'https://meet.example' },
      };
    case 'POST /api/v1/etias/applications/:id/interviews/:interviewId/outcome':
      return {
        url: '/api/v1/etias/applications/eta_missing/interviews/ein_missing/outcome',
        body: { outcome: 'held' },
      };
    case 'POST /api/v1/etias/applications/:id/consultations':
      return {
        url: '/api/v1/etias/applications/eta_missing/consultations',
        body: { party: 'europol', question: 'Data?' },
      };
    case 'POST /api/v1/etias/consultations/:id/opinion':
      return {
        url: '/api/v1/etias/consultations/eco_missing/opinion',
        body: { opinion: 'positive', reasons: 'None' },
      };
    case 'POST /api/v1/etias/applications/:id/decision':
      return {
        url: '/api/v1/etias/applications/eta_missing/decision',
        body: { kind: 'refuse', grounds: ['security-risk'], justification: 'x' },
      };
    case 'GET /api/v1/etias/applications/:id/notice.pdf':
      return { url: '/api/v1/etias/applications/eta_missing/notice.pdf?lang=fr' };
    case 'GET /api/v1/etias/applications/:id/applicant-notice.pdf':
      return { url: '/api/v1/etias/applications/eta_missing/applicant-notice.pdf?documentNumber=X1' };
    // Eurodac (Reg. (EU) 2024/1358).
    case 'POST /api/v1/eurodac/datasets':
      return {
        url: route.url,
        body: {
          category: 'applicant',
          fingerprints: [{ modality: 'finger', position: 1, template: 'AAAA', quality: 80 }],
        },
      };
    case 'GET /api/v1/eurodac/datasets/:id':
      return { url: '/api/v1/eurodac/datasets/edd_missing' };
    case 'POST /api/v1/eurodac/datasets/:id/marking':
      return { url: '/api/v1/eurodac/datasets/edd_missing/marking', body: {} };
    case 'POST /api/v1/eurodac/datasets/:id/responsibility':
      return {
        url: '/api/v1/eurodac/datasets/edd_missing/responsibility',
        body: { responsibleState: 'DE', ground: 'criteria' },
      };
    case 'POST /api/v1/eurodac/datasets/:id/erasure':
      return { url: '/api/v1/eurodac/datasets/edd_missing/erasure', body: { reason: 'naturalisation' } };
    case 'GET /api/v1/eurodac/hits':
      return { url: `${route.url}?state=pending` };
    case 'GET /api/v1/eurodac/hits/:id':
      return { url: '/api/v1/eurodac/hits/edh_missing' };
    case 'POST /api/v1/eurodac/hits/:id/verification':
      return {
        url: '/api/v1/eurodac/hits/edh_missing/verification',
        body: { outcome: 'rejected', reason: 'x' },
      };
    case 'GET /api/v1/eurodac/notices':
      return { url: `${route.url}?open=true` };
    case 'POST /api/v1/eurodac/law-enforcement/comparisons':
      return { url: route.url, body: { caseReference: 'X-1', fingerprints: [] } };
    // MID verification (Regs. (EU) 2019/817 and 2019/818 arts. 29-33).
    case 'GET /api/v1/mid/links':
      return { url: `${route.url}?color=yellow&sort=verifyBy&limit=5` };
    case 'GET /api/v1/mid/links/:id':
      return { url: '/api/v1/mid/links/mdl_missing' };
    case 'POST /api/v1/mid/links/:id/verification':
      return { url: '/api/v1/mid/links/mdl_missing/verification', body: { color: 'green', reason: 'x' } };
    case 'POST /api/v1/cir/identification':
      return {
        url: route.url,
        body: {
          situation: 'no-document',
          personPresent: true,
          biometricsUnavailableReason: 'Capture device out of order',
          identity: { surname: 'Matrix', givenNames: 'Sample', birthDate: '1980-01-01' },
          document: { number: 'X1234567', issuingState: 'UTO' },
        },
      };
    case 'POST /api/v1/cir/flags':
      return {
        url: route.url,
        body: {
          caseReference: 'NL-2026-0001',
          grounds: 'Suspect of a planned attack, seen at the border',
          offence: 'terrorism',
          identity: { surname: 'Matrix', givenNames: 'Sample', birthDate: '1980-01-01' },
        },
      };
    case 'GET /api/v1/cir/flags':
      return { url: `${route.url}?pending=true&sort=createdAt&order=desc&limit=10&offset=0` };
    case 'POST /api/v1/cir/flags/:id/follow-up':
      return { url: '/api/v1/cir/flags/cfq_missing/follow-up', body: { requested: ['ees'] } };
    // MID (2019/817 and 2019/818 art. 26): the links of one record the caller may see.
    case 'GET /api/v1/mid/records/:ref/links':
      return { url: '/api/v1/mid/records/ees:eesf_missing/links' };
    // The statistics repository (2019/817 art. 39): anonymous aggregates for the analyst.
    case 'GET /api/v1/stats/figures':
      return { url: route.url };
    case 'GET /api/v1/stats/figures/:figure':
      return {
        url: '/api/v1/stats/figures/ees.crossings?from=2026-01-01&to=2026-01-31&by=direction&interval=total&bcp=FI-HEL',
      };
    case 'GET /api/v1/stats/barometer':
      return { url: `${route.url}?from=2026-01-01&to=2026-01-31&memberState=FI` };
    // The network map (2018/1862 art. 63 links, hits, hub reads, MID links) for SIRENE and the police.
    case 'GET /api/v1/network':
    case 'GET /api/v1/network/graphml':
      return { url: `${route.url}?from=2026-01-01&to=2026-01-31&focus=28-VZK-4&depth=2` };
    default:
      return null;
  }
}
