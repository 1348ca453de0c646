/**
 * A follow-up sheet from the demo commune: Hélène Lefèvre's identity-card
 * pre-application, to be finished (tests, `npm run documents -- --samples`).
 */
import type { DemoCommune } from '../demo';
import { sampleDocuments } from '../schemas/samples';
import type { FollowUpSheetInput } from './follow-up-sheet';

export function followUpSheetSample(demo: DemoCommune): FollowUpSheetInput {
  return {
    settings: demo.settings,
    session: sampleDocuments.assistedsessions,
    procedure: sampleDocuments.procedures,
    citizen: demo.citizens.find((citizen) => citizen.lastName === 'Lefèvre') ?? null,
    issuedOn: demo.today,
  };
}
