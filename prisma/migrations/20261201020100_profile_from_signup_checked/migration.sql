-- The profile made at sign-up follows the rules of a profile update (lib/users/profile-schema.ts)
-- instead of failing the sign-up: the display name (or, without one, the email's local part) is
-- trimmed and cut to 80 characters; the avatar URL is kept only when it is an https URL of at
-- most 2048 characters with a host and no whitespace. Metadata of another type is read as text.

create or replace function public.handle_new_auth_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  display_name text := regexp_replace(coalesce(new.raw_user_meta_data ->> 'display_name', ''), '^\s+|\s+$', '', 'g');
  avatar_url text := regexp_replace(coalesce(new.raw_user_meta_data ->> 'avatar_url', ''), '^\s+|\s+$', '', 'g');
begin
  if display_name = '' then
    display_name := split_part(coalesce(new.email, ''), '@', 1);
  end if;
  if char_length(avatar_url) > 2048 or avatar_url !~* '^https://[^/?#@\s]+(/|\?|#|$)' or avatar_url ~ '\s' then
    avatar_url := '';
  end if;

  insert into public.users (id, email, display_name, avatar_url, color)
  values (
    new.id,
    new.email,
    nullif(left(display_name, 80), ''),
    nullif(avatar_url, ''),
    public.profile_color(new.id)
  );
  return new;
end
$$;
