-- Team notifications: what happened (one notice per organization and dedupe key, ever), who was told in
-- the console (one row per user, read or unread), and what each user chose to hear of. Rows are written
-- in the transaction of the business change that caused the notice; emails go through email_outbox.
CREATE TABLE team_notice (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  type             text NOT NULL,
  title            text NOT NULL,
  summary          text,
  link             text,
  -- [["Buyer", "Acme"], ["Total", "12000.00 USD"]]: pairs, so the caller's order survives jsonb.
  facts            jsonb NOT NULL DEFAULT '[]',
  dedupe_key       text NOT NULL,
  created_at       timestamptz NOT NULL,
  CONSTRAINT team_notice_dedupe_key UNIQUE (organization_id, dedupe_key)
);

CREATE TABLE team_notification (
  id               uuid PRIMARY KEY,
  notice_id        uuid NOT NULL REFERENCES team_notice (id),
  organization_id  uuid NOT NULL REFERENCES organization (id),
  user_id          uuid NOT NULL REFERENCES app_user (id),
  created_at       timestamptz NOT NULL,
  read_at          timestamptz,
  CONSTRAINT team_notification_once UNIQUE (notice_id, user_id)
);
-- A user's notifications newest first, and the unread ones (the list filter and the bell's count).
CREATE INDEX team_notification_inbox ON team_notification (user_id, created_at DESC, id DESC);
CREATE INDEX team_notification_unread ON team_notification (user_id, created_at DESC, id DESC)
  WHERE read_at IS NULL;

-- Only choices a user made are stored: a type and channel without a row is on.
CREATE TABLE notification_preference (
  user_id          uuid NOT NULL REFERENCES app_user (id),
  type             text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('CONSOLE', 'EMAIL')),
  enabled          boolean NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (user_id, type, channel)
);
