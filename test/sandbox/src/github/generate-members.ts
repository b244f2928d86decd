export interface GenerateMembersOptions {
  members: number;
  without2fa: number;
  admins: number;
  loginPrefix: string;
  firstId: number;
}

export interface GeneratedMember {
  login: string;
  id: number;
  role: 'admin' | 'member';
  twoFactor: boolean;
}

/**
 * Deterministic members: the first `admins` are admins, and the `without2fa` members without 2FA are spread
 * evenly over the list (so a filtered listing and a full listing paginate differently).
 */
export function generateMembers(options: GenerateMembersOptions): GeneratedMember[] {
  const { members, without2fa, admins, loginPrefix, firstId } = options;
  const width = String(members).length;
  return Array.from({ length: members }, (_, index) => ({
    login: `${loginPrefix}-${String(index + 1).padStart(width, '0')}`,
    id: firstId + index,
    role: index < admins ? 'admin' : 'member',
    // Member i lacks 2FA when the running quota floor(i * w / n) steps up: exactly w of n, evenly spaced.
    twoFactor:
      Math.floor(((index + 1) * without2fa) / members) === Math.floor((index * without2fa) / members),
  }));
}
