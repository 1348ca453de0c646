/**
 * The demo commune's accompagnement numérique: the shipped procedure
 * catalogue and a few dozen sessions over the year, for the resident's file
 * and the commune's figures. Drawn from its own generator (seed + 1), after
 * everything else, so that adding them changes none of the demo's requests.
 */
import procedureCatalogue from '../resources/catalogue/procedures.json';
import { addDays, addWorkingDays, isWorkingDay } from './calendar';
import { proceduresFromCatalogue, suggestedFollowUpDate, type CatalogueProcedure } from './assisted';
import type { AppUser, AssistedOutcome, AssistedSessionDoc, CitizenDoc, ProcedureDoc } from './model';
import { seededRandom } from './random';

export function demoProcedures(communeId: string, stamp: string): ProcedureDoc[] {
  return proceduresFromCatalogue(procedureCatalogue as CatalogueProcedure[], communeId, stamp, (entry) => `demo-proc-${entry.code}`);
}

/** What residents most come for: the weights of the demo's sessions by procedure code. */
const WEIGHTS: Readonly<Record<string, number>> = {
  'carte-identite': 6,
  passeport: 3,
  'carte-grise': 4,
  'declaration-revenus': 5,
  franceconnect: 4,
  'acte-etat-civil': 3,
  'listes-electorales': 3,
  'badge-dechets': 2,
  'cantine-scolaire': 2,
  retraite: 2,
  procuration: 1,
  'compte-ameli': 1,
  'permis-conduire': 1,
  'recensement-citoyen': 1,
};

const BLOCKED_REASONS = [
  'Justificatif de domicile manquant',
  'L’usager n’a plus accès à son adresse électronique',
  'Site indisponible pendant la séance',
  'Numéro fiscal introuvable',
];

export function demoAssistedSessions(input: {
  seed: number;
  today: string;
  communeId: string;
  procedures: readonly ProcedureDoc[];
  citizens: readonly CitizenDoc[];
  agents: readonly AppUser[];
  count?: number;
}): AssistedSessionDoc[] {
  const next = seededRandom(input.seed + 1);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number) => Array.from({ length }, () => int(0, 15).toString(16)).join('');
  const weighted = input.procedures.flatMap((procedure) => Array.from({ length: WEIGHTS[procedure.code] ?? 1 }, () => procedure));
  const sessions: AssistedSessionDoc[] = [];
  for (let index = 0; index < (input.count ?? 36); index += 1) {
    const procedure = weighted[int(0, weighted.length - 1)]!;
    const citizen = input.citizens[int(0, Math.min(input.citizens.length, 24) - 1)]!;
    const agent = input.agents[int(0, input.agents.length - 1)]!;
    let day = addDays(input.today, -int(0, 330));
    while (!isWorkingDay(day)) day = addDays(day, -1);
    const startedAt = `${day}T${String(int(8, 10)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00.000Z`;
    const roll = next();
    const outcome: AssistedOutcome = roll < 0.65 ? 'done' : roll < 0.88 ? 'to_finish' : 'blocked';
    const steps = procedure.steps.map((step) => step.id);
    const stepsDone = outcome === 'done' ? steps : steps.slice(0, int(1, Math.max(1, steps.length - 1)));
    const followUpDate = suggestedFollowUpDate(outcome, day);
    sessions.push({
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      communeId: input.communeId,
      citizenId: citizen.id,
      procedureId: procedure.id,
      procedureTitle: procedure.title,
      startedAt,
      minutesSpent: Math.max(5, procedure.durationMinutes + int(-10, 20)),
      stepsDone,
      outcome,
      blockedReason: outcome === 'blocked' ? BLOCKED_REASONS[int(0, BLOCKED_REASONS.length - 1)]! : '',
      nextSteps:
        outcome === 'done' ? '' : `Reprendre à l’étape « ${procedure.steps[stepsDone.length]?.label ?? procedure.steps[0]!.label} ».`,
      documentsNextTime: outcome === 'done' ? [] : procedure.documents.slice(0, 2),
      followUpDate: followUpDate && followUpDate > input.today ? followUpDate : followUpDate ? addWorkingDays(day, 1) : '',
      trackingCode: `${procedure.code.slice(0, 2).toUpperCase()}-${day.slice(0, 4)}-${String(int(100000, 999999))}`,
      agentId: agent.id,
      agentName: agent.name,
      updatedAt: `${day}T11:30:00.000Z`,
    });
  }
  return sessions.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}
