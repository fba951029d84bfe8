// Match keys of identity resolution (FIELD.md): the duplicate-merge job (hq/customers/dedupe.ts)
// groups living profiles that share one. A phone's key is its E.164 digits, whatever spaces, dashes or
// brackets it was stored with; a number not written internationally (no +) is no key, since its
// country is unknown. An e-mail's key is the mailbox it reaches: lower case, trimmed, and the
// providers' own rules — Gmail ignores dots and a +tag (googlemail.com is gmail.com), Yandex treats
// dots as hyphens, takes +tags and serves one mailbox under all its domains, Outlook takes +tags — as
// the till's normaliseEmail (main/domain/customer-identity.ts) does; a malformed address is no key.
// The keys are stored with the profile; their partial indexes hold living profiles only (not merged,
// not erased): the only ones ever merged.
export const up = `
-- Lengths are checked apart from the patterns: bounded repetitions ({6,14}, {4,253}) make
-- PostgreSQL's regular expressions twenty times slower, and every insert computes the keys.
CREATE FUNCTION hq_phone_key(phone text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  digits text;
BEGIN
  IF phone !~ '^\\s*\\+[0-9 ().-]+\\s*$' THEN
    RETURN NULL;
  END IF;
  digits := regexp_replace(phone, '[^0-9]', '', 'g');
  IF length(digits) NOT BETWEEN 7 AND 15 OR left(digits, 1) = '0' THEN
    RETURN NULL;
  END IF;
  RETURN '+' || digits;
END
$fn$;

CREATE FUNCTION hq_email_key(email text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  address text := lower(btrim(email, E' \\t\\r\\n'));
  at integer := strpos(address, '@');
  local text := left(address, at - 1);
  domain text := substr(address, at + 1);
BEGIN
  IF at < 2 OR length(local) > 64 OR length(domain) NOT BETWEEN 4 AND 253 OR strpos(address, '..') > 0
     OR local !~ '^[a-z0-9.!#$%&''*+/=?^_\`{|}~-]+$'
     OR domain !~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' THEN
    RETURN NULL;
  END IF;
  IF domain IN ('gmail.com', 'googlemail.com', 'yandex.ru', 'ya.ru', 'yandex.com', 'yandex.by', 'yandex.kz',
                'yandex.ua', 'narod.ru', 'outlook.com', 'hotmail.com', 'live.com') THEN
    local := split_part(local, '+', 1);
  END IF;
  IF domain IN ('gmail.com', 'googlemail.com') THEN
    local := replace(local, '.', '');
    domain := 'gmail.com';
  ELSIF domain IN ('yandex.ru', 'ya.ru', 'yandex.com', 'yandex.by', 'yandex.kz', 'yandex.ua', 'narod.ru') THEN
    local := replace(local, '.', '-');
    domain := 'yandex.ru';
  END IF;
  IF local = '' THEN
    RETURN NULL;
  END IF;
  RETURN local || '@' || domain;
END
$fn$;

-- Stored, so that finding the keys several profiles share reads an index, not a function per row (on
-- a million profiles: 2 s instead of 40).
ALTER TABLE customers
  ADD COLUMN phone_key text GENERATED ALWAYS AS (hq_phone_key(phone_e164)) STORED,
  ADD COLUMN email_key text GENERATED ALWAYS AS (hq_email_key(email)) STORED;
CREATE INDEX customers_phone_key ON customers (phone_key)
  WHERE phone_key IS NOT NULL AND merged_into IS NULL AND erased_at IS NULL;
CREATE INDEX customers_email_key ON customers (email_key)
  WHERE email_key IS NOT NULL AND merged_into IS NULL AND erased_at IS NULL;
`;
