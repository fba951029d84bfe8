// Per-field hybrid logical clocks on customer profiles (contract/hlc.ts, contract/field-merge.ts): an
// edit of a field applies only when its stamp sorts after the one in force, so edits from several
// tills and channels, pushed in any order, end in the same profile. The clocks travel in the customers
// feed so that a till does not let an older value from HQ overwrite its own newer edit that is still
// waiting to be pushed.
//
// Consents are records, never overwritten: every one is kept (with the stamp of the edit that gave it,
// `hlc`), and the one in force per purpose and channel is the one with the latest stamp. A consent
// recorded without a stamp (at enrolment, by an import) counts as stamped by HQ at the time it was
// recorded (`<ms>-000000-hq`). The consent clocks in `field_clocks` are derived from the consents by
// the trigger that already keeps `consents_doc`, so a merge that moves consents moves their clocks too.
export const up = `
ALTER TABLE customers ADD COLUMN field_clocks jsonb NOT NULL DEFAULT '{}';
ALTER TABLE consents ADD COLUMN hlc text
  CHECK (hlc ~ '^[0-9]{15}-[0-9]{6}-[a-z0-9-]{2,40}$');

CREATE FUNCTION hq_consent_stamp(hlc text, recorded_at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT coalesce(hlc, lpad(floor(extract(epoch FROM recorded_at) * 1000)::bigint::text, 15, '0') || '-000000-hq')
$fn$;

CREATE OR REPLACE FUNCTION hq_consents_doc(customer bigint) RETURNS json LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(json_agg(json_build_object('purpose', x.purpose, 'channel', x.channel, 'granted', x.granted,
           'recordedAt', hq_iso(x.recorded_at), 'storeCode', coalesce(s.code, ''), 'terminalCode', coalesce(t.code, ''))
           ORDER BY x.purpose, x.channel), '[]'::json)
  FROM (SELECT DISTINCT ON (purpose, channel) * FROM consents WHERE customer_id = customer
        ORDER BY purpose, channel, hq_consent_stamp(hlc, recorded_at) DESC, id DESC) x
  LEFT JOIN stores s ON s.id = x.store_id LEFT JOIN terminals t ON t.id = x.terminal_id
$fn$;

-- The profile's clocks with those of its consents recomputed: per purpose and channel, the latest stamp.
CREATE FUNCTION hq_with_consent_clocks(customer bigint, clocks jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT coalesce((SELECT jsonb_object_agg(key, value) FROM jsonb_each(clocks) WHERE key NOT LIKE 'consent:%'), '{}')
      || coalesce((SELECT jsonb_object_agg('consent:' || purpose || ':' || coalesce(channel, 'any'), stamp)
                   FROM (SELECT purpose, channel, max(hq_consent_stamp(hlc, recorded_at)) AS stamp
                         FROM consents WHERE customer_id = customer GROUP BY purpose, channel) c), '{}')
$fn$;

CREATE OR REPLACE FUNCTION hq_consents_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE customers SET consents_doc = hq_consents_doc(id), field_clocks = hq_with_consent_clocks(id, field_clocks)
    WHERE id = OLD.customer_id AND erased_at IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE customers SET consents_doc = hq_consents_doc(id), field_clocks = hq_with_consent_clocks(id, field_clocks)
    WHERE id = NEW.customer_id AND erased_at IS NULL;
  END IF;
  RETURN NULL;
END
$fn$;

UPDATE customers SET consents_doc = hq_consents_doc(id), field_clocks = hq_with_consent_clocks(id, field_clocks)
WHERE erased_at IS NULL AND EXISTS (SELECT 1 FROM consents WHERE consents.customer_id = customers.id);
`;
