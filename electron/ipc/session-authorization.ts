import type { ChannelName } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import type { OperatorSession } from '../session/session';
import { CHANNEL_ACCESS } from './channel-access';
import { countsAsActivity } from './channel-activity';

/**
 * The router's gate: each channel's access (channel-access.ts) checked against the operator signed in
 * now, then, if the channel is something a person did, the idle lock postponed (channel-activity.ts).
 */
export function authorizeBySession(session: OperatorSession): (channel: ChannelName) => void {
  return (channel) => {
    const access = CHANNEL_ACCESS[channel];
    if (access === 'public') return;
    if (access === 'signed-in') {
      if (!session.current()) throw new AppFailure('SIGNED_OUT', session.state === 'locked' ? 'KYC Desk is locked. Unlock it first.' : 'Sign in first.');
    } else {
      session.requirePermission(access);
    }
    // Only what a person does postpones the idle lock; reads and event-driven refreshes never do.
    if (countsAsActivity(channel)) session.touch();
  };
}
