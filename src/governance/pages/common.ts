/** What the governance pages share: who may change, where things live, choices for the forms. */
import type { FastifyRequest } from 'fastify';
import { tenantOf } from '../../platform/web/request.js';
import {
  BOARD_KIND_LABELS,
  BOARD_KINDS,
  MEETING_STATUS_LABELS,
  MEETING_STATUSES,
} from '../governance-rules.js';

export const ADMIN = { roles: ['admin'] as const };

export const boardsPath = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/boards`;
export const meetingPath = (request: FastifyRequest, meetingId: string) =>
  `/p/${tenantOf(request).slug}/meetings/${meetingId}`;

/**
 * The risk register filtered to the risks escalated to a board, open and closed: the register
 * lists risks with their ratings, so the board's pages link there rather than import it.
 */
export const escalatedRisksPath = (request: FastifyRequest, boardId: string) =>
  `/p/${tenantOf(request).slug}/risks?board=${encodeURIComponent(boardId)}&status=all`;

export const kindItems = (selected?: unknown) =>
  BOARD_KINDS.map((k) => ({ value: k, text: BOARD_KIND_LABELS[k], checked: k === selected }));

export const statusItems = (selected?: unknown) =>
  MEETING_STATUSES.map((s) => ({
    value: s,
    text: MEETING_STATUS_LABELS[s],
    checked: s === (selected || 'planned'),
  }));

export const labels = { kinds: BOARD_KIND_LABELS, statuses: MEETING_STATUS_LABELS };
