import type { Handlers } from '../../ipc/router';
import { UAE_ONBOARDING_SERVICE_ID } from '../../services/uae-onboarding';
import { recordScopeOf } from '../../records/record-scope';
import { CdpEnrolmentViews } from '../../uae-onboarding/cdp-enrolment-views';
import { lookUpCustomer } from '../../uae-onboarding/cdp-look-up';
import { actingOperator, auditActor, type HandlerContext } from './context';

type UaeOnboardingChannel = 'uaeCdp.lookUp' | 'uaeCdp.enrolments' | 'uaeCdp.forRecord' | 'uaeCdp.send' | 'uaeCdp.settings.get' | 'uaeCdp.settings.save' | 'uaeCdp.settings.test';

/** What the UAE onboarding handlers work with. */
export type UaeOnboardingHandlerServices = Pick<HandlerContext, 'mode' | 'store' | 'records' | 'secrets' | 'session' | 'sync' | 'audit' | 'operators' | 'uaeCdp'>;

/**
 * UAE partner onboarding (issue 14): the counter's look-up on the Customer Data Platform, what the
 * CDP said of the customers it holds (decision 0054), sending
 * approved UAE customers through the sync engine's UAE service, and the CDP's connection, an
 * admin's. The client secret and password go through the keychain's own channels; the settings
 * view says only whether each is set.
 */
export function uaeOnboardingHandlers(context: UaeOnboardingHandlerServices): Pick<Handlers, UaeOnboardingChannel> {
  const { uaeCdp, sync, audit, operators } = context;
  const enrolments = new CdpEnrolmentViews(context.store, context.records);
  const scope = () => recordScopeOf(actingOperator(context));
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
    'uaeCdp.lookUp': ({ idType, idNumber }) => lookUpCustomer(uaeCdp.cdp, idType, idNumber),
    'uaeCdp.enrolments': () => enrolments.list(scope()),
    'uaeCdp.forRecord': ({ recordId }) => enrolments.forRecord(recordId, scope()),
    'uaeCdp.send': () => {
      const operator = actingOperator(context);
      const started = sync.startSync(operators.verifierFor(operator), UAE_ONBOARDING_SERVICE_ID);
      if (started.batchId) audit.record({ actor: auditActor(operator), action: 'sync-start', subject: started.batchId, details: { records: started.recordCount, service: UAE_ONBOARDING_SERVICE_ID } });
      return started;
    },
    'uaeCdp.settings.get': () => view(),
    'uaeCdp.settings.save': async ({ settings }) => {
      uaeCdp.settings.save(auditActor(actingOperator(context)), settings);
      return view();
    },
    'uaeCdp.settings.test': () => uaeCdp.cdp.test(),
  };
}
