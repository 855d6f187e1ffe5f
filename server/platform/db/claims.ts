/** The JWT claims of a request, as Supabase Auth issues them and RLS policies read them. */
export type JwtClaims = {
  sub: string;
  role: string;
  email?: string;
  aud?: string | string[];
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  [claim: string]: unknown;
};
