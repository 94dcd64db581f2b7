import type { Handlers } from '../../ipc/router';
import { actingOperator, auditActor, type HandlerContext } from './context';

type UaeOnboardingChannel = 'uaeCdp.settings.get' | 'uaeCdp.settings.save' | 'uaeCdp.settings.test';

/** What the UAE onboarding handlers work with. */
export type UaeOnboardingHandlerServices = Pick<HandlerContext, 'mode' | 'secrets' | 'session' | 'uaeCdp'>;

/**
 * UAE partner onboarding (issue 14): the Customer Data Platform's connection, an admin's. The
 * client secret and password go through the keychain's own channels; this view says only whether
 * each is set.
 */
export function uaeOnboardingHandlers(context: UaeOnboardingHandlerServices): Pick<Handlers, UaeOnboardingChannel> {
  const { uaeCdp } = context;
  const view = async () => {
    const secrets = await context.secrets.status();
    return {
      settings: uaeCdp.settings.inForce(),
      configured: uaeCdp.settings.saved() !== null,
      clientSecretSet: secrets['uae-oauth-client-secret'] === true,
      passwordSet: secrets['uae-password'] === true,
      mode: context.mode,
    };
  };
  return {
    'uaeCdp.settings.get': () => view(),
    'uaeCdp.settings.save': async ({ settings }) => {
      uaeCdp.settings.save(auditActor(actingOperator(context)), settings);
      return view();
    },
    'uaeCdp.settings.test': () => uaeCdp.cdp.test(),
  };
}
