-- Every organization starts with registration information fields (company, contact name, email and phone),
-- so an offer can carry the buyer's details and an order the buyer leaves unregistered is registered
-- automatically an hour after acceptance without an admin first discovering Settings → Offer fields.
-- Admins may change or remove them as before. A trigger rather than application code, because
-- organizations are created by several paths (the setup page, the `setup` command with only identity
-- loaded, the demo seeding) and each must get them.
CREATE FUNCTION offer_metadata_field_defaults(org uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO offer_metadata_field (organization_id, field_group, key, label, type, required, position)
  VALUES (org, 'REGISTRATION', 'companyName', 'Company name', 'TEXT', false, 0),
         (org, 'REGISTRATION', 'contactName', 'Contact name', 'TEXT', false, 1),
         (org, 'REGISTRATION', 'contactEmail', 'Contact email', 'EMAIL', false, 2),
         (org, 'REGISTRATION', 'contactPhone', 'Contact phone', 'TEXT', false, 3)
  ON CONFLICT DO NOTHING
$$;

CREATE FUNCTION organization_starts_with_offer_fields() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM offer_metadata_field_defaults(NEW.id);
  RETURN NEW;
END
$$;

CREATE TRIGGER organization_offer_field_defaults AFTER INSERT ON organization
  FOR EACH ROW EXECUTE FUNCTION organization_starts_with_offer_fields();

-- Organizations that exist already and never defined a registration field get them too.
SELECT offer_metadata_field_defaults(o.id) FROM organization o
 WHERE NOT EXISTS (SELECT 1 FROM offer_metadata_field f
                    WHERE f.organization_id = o.id AND f.field_group = 'REGISTRATION');
