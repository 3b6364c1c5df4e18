/**
 * The demo's monthly progress, simulated: each action moves through its dates at a pace that
 * drifts from month to month, so RAG ratings drift too; some actions finish early, some slip and
 * recover, some stay stuck; leads sometimes miss a month. Pure and seeded, so every run writes
 * the same history.
 */
import type { ActionStatus, Rag } from '../plans/index.js';
import { PHRASES, type Theme } from './demo-content.js';
import type { DemoRound } from './demo-timeline.js';
import { addDays, daysBetween, dayMonth, longDate, monthYear } from './demo-timeline.js';
import { Prng } from './prng.js';

export type HistoryAction = {
  theme: Theme;
  topic: string;
  startDate: string;
  dueDate: string;
  /** Index into `authors`. */
  lead: number;
  /** How often the lead sends an update, 0 to 1. */
  reliability: number;
  /** Health waiting-time actions struggle more. */
  hard: boolean;
  measure?: { text: string; baseline: number; target: number; unit: string };
};

export type HistoryUpdate = {
  action: number;
  round: number;
  status: ActionStatus;
  rag: Rag;
  narrative: string;
  measureValue: number | null;
  /** Index into `authors`. */
  author: number;
  /** ISO timestamp. */
  createdAt: string;
};

type Profile = 'fast' | 'steady' | 'slipping' | 'stuck';
const MEAN_PACE: Record<Profile, number> = {
  fast: 1.15,
  steady: 0.97,
  slipping: 0.78,
  stuck: 0.45,
};

const RAG_OF: Record<ActionStatus, Rag> = {
  not_started: 'green',
  on_track: 'green',
  at_risk: 'amber',
  off_track: 'red',
  complete: 'green',
};

const MITIGATIONS = [
  'A recovery plan has been agreed with the lead officer and will be reviewed monthly.',
  'Additional capacity has been identified from within the partnership to support this work.',
  'The timetable has been revised and the new milestones shared with the Board.',
  'Partners have agreed to prioritise this at the next programme meeting.',
  'Interim arrangements are in place while the longer-term solution is agreed.',
];
const ESCALATIONS = [
  'This has been escalated to the SEND Improvement Board.',
  'Raised with the DfE and NHS England advisers at the monitoring visit.',
  'Added to the SEND improvement risk register.',
  'The co-chairs of the Board have been briefed.',
];
const GOVERNANCE = [
  (d: string) => `Reported to the SEND Improvement Board on ${dayMonth(d)}.`,
  (d: string) =>
    `Discussed with the Parent Carer Forum at the co-production group on ${dayMonth(d)}.`,
  () => 'Shared with the DfE and NHS England advisers ahead of the quarterly monitoring visit.',
  () => 'Evidence has been added to the evidence log.',
  (d: string) => `Progress was reviewed at the programme meeting on ${dayMonth(d)}.`,
];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function formatNumber(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

export function generateHistory(
  actions: readonly HistoryAction[],
  rounds: readonly DemoRound[],
  options: {
    seed: number;
    today: string;
    /** Who may write on a lead's behalf now and then (index into authors), and their names. */
    programmeManager: number;
    authorNames: readonly string[];
  },
): HistoryUpdate[] {
  const updates: HistoryUpdate[] = [];
  const root = new Prng(options.seed);
  actions.forEach((action, index) => {
    const rng = root.fork(`action ${index}`);
    const profile = rng.weighted<Profile>(
      action.hard
        ? { fast: 1, steady: 5, slipping: 7, stuck: 7 }
        : { fast: 3, steady: 10, slipping: 5, stuck: 2 },
    );
    let mean = MEAN_PACE[profile];
    let pace = mean + 0.1 * rng.gaussian();
    // Stuck actions get a recovery plan part-way through.
    const recoverAt = profile === 'stuck' ? 0.35 + 0.4 * rng.next() : Infinity;
    const duration = Math.max(30, daysBetween(action.startDate, action.dueDate));
    let progress = 0;
    let simulatedTo = action.startDate;
    let previous: { status: ActionStatus; rag: Rag } | undefined;

    for (let r = 0; r < rounds.length; r++) {
      const round = rounds[r]!;
      const t = round.openedOn;
      let status: ActionStatus;
      if (t < action.startDate) {
        status = 'not_started';
      } else {
        const days = daysBetween(simulatedTo, t);
        simulatedTo = t;
        const elapsed = daysBetween(action.startDate, t) / duration;
        if (elapsed >= recoverAt) mean = 1.25;
        pace = Math.min(1.8, Math.max(0.05, pace + 0.12 * rng.gaussian() + 0.2 * (mean - pace)));
        progress += (pace * days) / duration;
        if (progress >= 1) status = 'complete';
        else if (t > action.dueDate) status = progress > 0.85 ? 'at_risk' : 'off_track';
        else {
          const gap = Math.min(elapsed, 1) - progress;
          status = gap < 0.1 || elapsed < 0.1 ? 'on_track' : gap < 0.25 ? 'at_risk' : 'off_track';
        }
      }

      // Does the lead write an update this month, and when?
      const keen = status === 'not_started' ? 0.6 : profile === 'stuck' ? 0.92 : 1;
      const writes = rng.chance(action.reliability * keen) || status === 'complete';
      const day = addDays(round.openedOn, rng.int(0, daysBetween(round.openedOn, round.dueOn) + 4));
      const minutes = rng.int(8 * 60, 18 * 60 + 30);
      const onBehalf = rng.chance(0.12) && action.lead !== options.programmeManager;
      if (!writes || (round.open && day > options.today)) {
        if (status === 'complete') progress = Math.min(progress, 0.99); // finishes when next reported
        continue;
      }

      const rag = RAG_OF[status];
      const { text, measureValue } = narrative(rng, action, status, rag, previous, progress, day);
      const author = onBehalf ? options.programmeManager : action.lead;
      const prefix = onBehalf
        ? `Update from the SEND improvement programme team on behalf of ${options.authorNames[action.lead]}. `
        : '';
      updates.push({
        action: index,
        round: r,
        status,
        rag,
        narrative: prefix + text,
        measureValue,
        author,
        createdAt: `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00Z`,
      });
      previous = { status, rag };
      if (status === 'complete') break;
    }
  });
  return updates;
}

function narrative(
  rng: Prng,
  action: HistoryAction,
  status: ActionStatus,
  rag: Rag,
  previous: { status: ActionStatus; rag: Rag } | undefined,
  progress: number,
  day: string,
): { text: string; measureValue: number | null } {
  const phrases = PHRASES[action.theme];
  const topic = action.topic;
  const out: string[] = [];
  let measureValue: number | null = null;
  const meeting = addDays(day, -rng.int(3, 20));

  if (status === 'not_started') {
    out.push(
      rng.pick([
        `Not started yet: work on ${topic} is scheduled to begin in ${monthYear(action.startDate)}.`,
        `Scoping is under way; ${topic} formally starts in ${monthYear(action.startDate)}.`,
        `No activity to report this month. ${capitalise(topic)} is planned to start in ${monthYear(action.startDate)}.`,
      ]),
    );
    return { text: out.join(' '), measureValue };
  }

  if (previous && previous.rag !== rag && status !== 'complete') {
    const order = { green: 0, amber: 1, red: 2 } as const;
    out.push(
      order[rag] < order[previous.rag]
        ? `Improved from ${previous.rag} to ${rag} this month.`
        : `Moved from ${previous.rag} to ${rag} this month.`,
    );
  }

  switch (status) {
    case 'on_track':
      out.push(
        rng.pick([
          `${capitalise(topic)} is on track.`,
          `Good progress this month on ${topic}.`,
          `Work on ${topic} is progressing as planned.`,
          `On track to complete by ${monthYear(action.dueDate)}.`,
        ]),
      );
      out.push(rng.pick(phrases.progress));
      break;
    case 'at_risk':
      out.push(
        rng.pick([
          `${capitalise(topic)} has slipped and is at risk of missing the ${monthYear(action.dueDate)} deadline.`,
          `Some slippage this month on ${topic}.`,
          `${capitalise(topic)} is behind the original timetable.`,
        ]),
      );
      out.push(rng.pick(phrases.concern));
      if (rng.chance(0.5)) out.push(rng.pick(phrases.progress));
      out.push(rng.pick(MITIGATIONS));
      break;
    case 'off_track':
      out.push(
        rng.pick([
          `${capitalise(topic)} is off track.`,
          `${capitalise(topic)} remains significantly behind plan.`,
          `${capitalise(topic)} has not progressed as planned and is rated red.`,
        ]),
      );
      out.push(rng.pick(phrases.concern));
      if (day > action.dueDate)
        out.push(
          `The original due date of ${longDate(action.dueDate)} has passed; a revised date will be proposed to the Board.`,
        );
      out.push(rng.pick(MITIGATIONS));
      if (rng.chance(0.6)) out.push(rng.pick(ESCALATIONS));
      break;
    case 'complete':
      out.push(rng.pick([`${capitalise(topic)} is complete.`, 'Action complete.']));
      out.push(rng.pick(phrases.done));
      break;
  }

  if (action.measure && rng.chance(status === 'complete' ? 0.9 : 0.7)) {
    const { baseline, target, unit, text } = action.measure;
    const share = Math.min(1.05, Math.max(-0.05, progress * 0.95 + 0.05 * rng.gaussian()));
    const raw =
      baseline + (target - baseline) * (status === 'complete' ? Math.max(share, 1) : share);
    measureValue =
      Number.isInteger(baseline) && Number.isInteger(target)
        ? Math.round(raw)
        : Math.round(raw * 10) / 10;
    const v = formatNumber(measureValue);
    out.push(
      rng.pick([
        `${text}: ${v}${unit} (baseline ${formatNumber(baseline)}${unit}, target ${formatNumber(target)}${unit}).`,
        `The latest figure is ${v}${unit} against a target of ${formatNumber(target)}${unit}.`,
      ]),
    );
  }
  if (status === 'on_track' && rng.chance(0.5)) out.push(`Next step: ${rng.pick(phrases.next)}.`);
  if (status === 'at_risk' && rng.chance(0.3)) out.push(`Next step: ${rng.pick(phrases.next)}.`);
  if (rng.chance(0.3)) out.push(rng.pick(GOVERNANCE)(meeting));
  return { text: out.join(' '), measureValue };
}
