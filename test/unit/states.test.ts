import { describe, it, expect } from 'vitest';
import {
  BATCH_STATES,
  BATCH_STATE_LABELS,
  RECORD_STATES,
  RECORD_STATE_LABELS,
  canMoveBatch,
  canMoveRecord,
  isTerminalBatchState,
  type BatchState,
  type RecordState,
} from '../../shared/sync/states';

describe('canMoveRecord', () => {
  it.each<[RecordState, RecordState]>([
    ['draft', 'awaiting_approval'],
    ['draft', 'ready'],
    ['awaiting_approval', 'ready'],
    ['awaiting_approval', 'rejected'],
    ['awaiting_approval', 'draft'],
    ['rejected', 'draft'],
    ['rejected', 'awaiting_approval'],
    ['ready', 'submitted'],
    ['ready', 'draft'],
    ['submitted', 'succeeded'],
    ['submitted', 'failed'],
    ['submitted', 'ready'],
    ['failed', 'draft'],
    ['failed', 'ready'],
    // changed by its maker to fix what the registry refused
    ['failed', 'awaiting_approval'],
  ])('allows %s → %s', (from, to) => {
    expect(canMoveRecord(from, to)).toBe(true);
  });

  it.each<[RecordState, RecordState]>([
    ['draft', 'submitted'],
    ['draft', 'succeeded'],
    ['draft', 'draft'],
    ['rejected', 'ready'],
    ['awaiting_approval', 'submitted'],
    ['ready', 'succeeded'],
    ['ready', 'failed'],
    ['submitted', 'draft'],
    ['submitted', 'submitted'],
    ['failed', 'submitted'],
    ['failed', 'succeeded'],
  ])('forbids %s → %s', (from, to) => {
    expect(canMoveRecord(from, to)).toBe(false);
  });

  it.each(RECORD_STATES)('forbids succeeded → %s', (to) => {
    expect(canMoveRecord('succeeded', to)).toBe(false);
  });
});

describe('canMoveBatch', () => {
  it.each<[BatchState, BatchState]>([
    ['sending', 'polling'],
    ['sending', 'send_failed'],
    ['sending', 'needs_reconciliation'],
    // offline or rate-limited: the batch waits, whole
    ['sending', 'sending'],
    ['sending', 'uploading'],
    // the records API answers at once
    ['sending', 'succeeded'],
    ['sending', 'failed'],
    ['uploading', 'uploading'],
    ['uploading', 'polling'],
    ['uploading', 'failed'],
    ['polling', 'polling'],
    ['polling', 'succeeded'],
    ['polling', 'failed'],
    ['needs_reconciliation', 'polling'],
    ['needs_reconciliation', 'uploading'],
    ['needs_reconciliation', 'send_failed'],
    ['needs_reconciliation', 'succeeded'],
    // an answer KYC Desk does not act on by itself waits for a person, who asks again or closes it
    ['polling', 'needs_attention'],
    ['needs_reconciliation', 'needs_attention'],
    ['needs_attention', 'polling'],
    ['needs_attention', 'needs_reconciliation'],
    ['needs_attention', 'failed'],
  ])('allows %s → %s', (from, to) => {
    expect(canMoveBatch(from, to)).toBe(true);
  });

  it.each<[BatchState, BatchState]>([
    ['polling', 'sending'],
    ['polling', 'send_failed'],
    ['polling', 'needs_reconciliation'],
    ['polling', 'uploading'],
    ['uploading', 'sending'],
    ['uploading', 'send_failed'],
    ['uploading', 'needs_reconciliation'],
    ['needs_reconciliation', 'sending'],
    // never back to sending, nor "not sent": the registry may hold it; nor settled without a person's word
    ['needs_attention', 'sending'],
    ['needs_attention', 'send_failed'],
    ['needs_attention', 'succeeded'],
    ['needs_attention', 'needs_attention'],
  ])('forbids %s → %s', (from, to) => {
    expect(canMoveBatch(from, to)).toBe(false);
  });

  it.each(['succeeded', 'failed', 'send_failed'] as const)('forbids every move out of %s', (from) => {
    for (const to of BATCH_STATES) expect(canMoveBatch(from, to)).toBe(false);
  });
});

describe('isTerminalBatchState', () => {
  it.each<[BatchState, boolean]>([
    ['sending', false],
    ['uploading', false],
    ['polling', false],
    ['succeeded', true],
    ['failed', true],
    ['send_failed', true],
    ['needs_reconciliation', false],
    ['needs_attention', false],
  ])('%s → %s', (state, terminal) => {
    expect(isTerminalBatchState(state)).toBe(terminal);
  });

  it('covers every batch state in the table above', () => {
    expect([...BATCH_STATES].sort()).toEqual(['failed', 'needs_attention', 'needs_reconciliation', 'polling', 'send_failed', 'sending', 'succeeded', 'uploading']);
  });
});

describe('state labels', () => {
  it('labels every record state and nothing else', () => {
    expect(Object.keys(RECORD_STATE_LABELS).sort()).toEqual([...RECORD_STATES].sort());
  });

  it('labels every batch state and nothing else', () => {
    expect(Object.keys(BATCH_STATE_LABELS).sort()).toEqual([...BATCH_STATES].sort());
  });

  it.each(RECORD_STATES)('record state %s has a readable label', (state) => {
    expect(RECORD_STATE_LABELS[state].trim()).not.toBe('');
    expect(RECORD_STATE_LABELS[state]).not.toContain('_');
  });

  it.each(BATCH_STATES)('batch state %s has a readable label', (state) => {
    expect(BATCH_STATE_LABELS[state].trim()).not.toBe('');
    expect(BATCH_STATE_LABELS[state]).not.toContain('_');
  });
});
