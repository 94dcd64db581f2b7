import { generateTokenRequestSchema } from '../../connectors/agent-api/wire';
import { sameSecret } from '../shell/auth';
import { json, type SandboxAnswer } from './records-answer';

/**
 * Seed 002 §1, `POST /agentapi/v1/agent/generate_token`: the configured username and password
 * (3–20 and 8–32 letters and digits, else 400) give `{ Token, status_code, success }`; wrong ones
 * give 401 `{ msg, status_code, success: false }`.
 */
export function generateToken(bodyText: string, credentials: { username: string; password: string }, issue: () => string): SandboxAnswer {
  const refuse = (status: 400 | 401, msg: string) => json(status, { msg, status_code: status, success: false });
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return refuse(400, 'The request body is not valid JSON.');
  }
  const parsed = generateTokenRequestSchema.safeParse(body);
  if (!parsed.success) return refuse(400, parsed.error.issues.map((issue) => issue.message).join('; '));
  // Both compared, always, in constant time: no hint which one was wrong.
  const userOk = sameSecret(parsed.data.username, credentials.username);
  const passwordOk = sameSecret(parsed.data.password, credentials.password);
  if (!userOk || !passwordOk) return refuse(401, 'Invalid username or password.');
  return json(200, { Token: issue(), status_code: 200, success: true });
}
