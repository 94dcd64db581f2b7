import { z } from 'zod';
import { DEFAULT_LINK_TYPE, LINK_TYPE_PATTERN } from '../record-kinds/video-kyc-link';

/**
 * The agent API's connection (video-KYC links and digital-KYC push; docs/apis/agent-api.md): its
 * address, username, how fast KYC Desk may send, how often a session is asked about, and the link
 * types an admin allows. The password is a secret: it goes to the keychain (slot
 * `agent-api-password`), never here. Pure data and zod, for main and the renderer alike.
 */
export const agentApiSettingsShape = z
  .object({
    baseUrl: z.string().max(500),
    username: z.string().max(200),
    requestsPerMinute: z.number().int(),
    pollSeconds: z.number().int(),
    linkTypes: z.array(z.string().max(100)).max(50),
    /** The institution's codes on the digital-KYC push's form (BASIC_INFORMATION.amc, ipvInstitutionCode); absent until an admin sets them. */
    dkycAmc: z.string().max(100).optional(),
    dkycInstitutionCode: z.string().max(100).optional(),
  })
  .strict();
export type AgentApiSettings = z.infer<typeof agentApiSettingsShape>;

export const AGENT_API_LIMITS = { minRate: 1, maxRate: 600, minPollSeconds: 5, maxPollSeconds: 3600, maxLinkTypes: 20 } as const;

/** What a new PC starts with: no address, a gentle rate, a session asked about every 30 s, the vendor's default link type. */
export const DEFAULT_AGENT_API_SETTINGS: AgentApiSettings = { baseUrl: '', username: '', requestsPerMinute: 30, pollSeconds: 30, linkTypes: [DEFAULT_LINK_TYPE] };

export const AGENT_API_MESSAGES = {
  baseUrl: 'Enter the agent API address your vendor gave you, starting with https:// (for example https://vkyc.example.in). It may be the CKYC vendor’s.',
  username: 'The agent API username has 3 to 20 letters and digits, nothing else (the vendor’s rule).',
  password: 'The agent API password has 8 to 32 letters and digits, nothing else (the vendor’s rule).',
  requestsPerMinute: `Enter how many requests a minute KYC Desk may send: a whole number from ${AGENT_API_LIMITS.minRate} to ${AGENT_API_LIMITS.maxRate}.`,
  pollSeconds: `Enter how often a session is asked about, in seconds: a whole number from ${AGENT_API_LIMITS.minPollSeconds} to ${AGENT_API_LIMITS.maxPollSeconds}.`,
  linkTypesEmpty: 'List at least one link type (the vendor’s default is free).',
  linkType: (typed: string) => `"${typed.slice(0, 40)}" is not a link type: use letters, digits, _ or - (up to 40), exactly as the vendor writes it.`,
  linkTypeTwice: (typed: string) => `The link type "${typed.slice(0, 40)}" is listed twice.`,
  linkTypesMany: `List at most ${AGENT_API_LIMITS.maxLinkTypes} link types.`,
  dkycAmc: 'The AMC code for digital KYC is the institution’s code at the vendor: 2 to 30 letters, digits, _ or -, exactly as the vendor gave it (TEST_AMC in their example).',
  dkycInstitutionCode: 'The institution code for digital KYC is 2 to 30 letters, digits, _ or - (CERSAI’s FI code, such as IN0308).',
} as const;

/** How the vendor writes an institution's codes (our inference: its example TEST_AMC, CERSAI's IN0308). */
export const DKYC_CODE = /^[A-Za-z0-9_-]{2,30}$/;

/** The vendor's rules for the sign-in (seed 002, generate_token). */
export const AGENT_API_USERNAME = /^[A-Za-z0-9]{3,20}$/;
export const AGENT_API_PASSWORD = /^[A-Za-z0-9]{8,32}$/;

/** An http(s) address with a host and perhaps a path: no credentials, query or fragment (shared/ has no URL parser). */
function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/.test(text);
}

/** Trimmed, the link types without blanks; nothing else changes (a link type is case-sensitive). */
export function tidyAgentApiSettings(settings: AgentApiSettings): AgentApiSettings {
  return {
    baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''),
    username: settings.username.trim(),
    requestsPerMinute: settings.requestsPerMinute,
    pollSeconds: settings.pollSeconds,
    linkTypes: settings.linkTypes.map((type) => type.trim()).filter((type) => type !== ''),
    ...(settings.dkycAmc?.trim() ? { dkycAmc: settings.dkycAmc.trim() } : {}),
    ...(settings.dkycInstitutionCode?.trim() ? { dkycInstitutionCode: settings.dkycInstitutionCode.trim() } : {}),
  };
}

/** Every field's problem, keyed by field ('linkTypes' for the list); empty when the settings may be saved. */
export function checkAgentApiSettings(input: AgentApiSettings): Record<string, string> {
  const s = tidyAgentApiSettings(input);
  const fields: Record<string, string> = {};
  if (!isHttpUrl(s.baseUrl)) fields.baseUrl = AGENT_API_MESSAGES.baseUrl;
  if (!AGENT_API_USERNAME.test(s.username)) fields.username = AGENT_API_MESSAGES.username;
  if (!Number.isInteger(s.requestsPerMinute) || s.requestsPerMinute < AGENT_API_LIMITS.minRate || s.requestsPerMinute > AGENT_API_LIMITS.maxRate) fields.requestsPerMinute = AGENT_API_MESSAGES.requestsPerMinute;
  if (!Number.isInteger(s.pollSeconds) || s.pollSeconds < AGENT_API_LIMITS.minPollSeconds || s.pollSeconds > AGENT_API_LIMITS.maxPollSeconds) fields.pollSeconds = AGENT_API_MESSAGES.pollSeconds;
  const seen = new Set<string>();
  for (const type of s.linkTypes) {
    if (!LINK_TYPE_PATTERN.test(type)) fields.linkTypes ??= AGENT_API_MESSAGES.linkType(type);
    else if (seen.has(type)) fields.linkTypes ??= AGENT_API_MESSAGES.linkTypeTwice(type);
    seen.add(type);
  }
  if (s.dkycAmc !== undefined && !DKYC_CODE.test(s.dkycAmc)) fields.dkycAmc = AGENT_API_MESSAGES.dkycAmc;
  if (s.dkycInstitutionCode !== undefined && !DKYC_CODE.test(s.dkycInstitutionCode)) fields.dkycInstitutionCode = AGENT_API_MESSAGES.dkycInstitutionCode;
  if (s.linkTypes.length === 0) fields.linkTypes = AGENT_API_MESSAGES.linkTypesEmpty;
  if (s.linkTypes.length > AGENT_API_LIMITS.maxLinkTypes) fields.linkTypes = AGENT_API_MESSAGES.linkTypesMany;
  return fields;
}

/**
 * Whether a link type is on the admin's list, exactly (case-sensitive, as the vendor reads it);
 * the refusal names the one it differs from only by case, which is the usual slip.
 */
export function linkTypeProblem(linkType: string, allowed: readonly string[]): string | null {
  if (allowed.includes(linkType)) return null;
  const sameLetters = allowed.find((type) => type.toLowerCase() === linkType.toLowerCase());
  if (sameLetters) return `The link type is "${sameLetters}", written exactly so: link types are case-sensitive.`;
  return `"${linkType.slice(0, 40)}" is not one of the link types an admin listed (${allowed.join(', ')}).`;
}
