-- The migration history is bookkeeping of the migrator, not data for the Data API. On a hosted
-- project Supabase's default privileges give anon and authenticated every right on new tables in
-- public, so with the publishable key anyone could read _prisma_migrations or mark a migration
-- rolled back (and the next deploy would run it again). Take the rights away, and turn row level
-- security on with no policy so a later grant still opens nothing. The migrator connects as the
-- table's owner, which row level security does not bind.
alter table public._prisma_migrations enable row level security;
revoke all on table public._prisma_migrations from anon, authenticated;
