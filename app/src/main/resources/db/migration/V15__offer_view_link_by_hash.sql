-- Buyer links are found by the SHA-256 of their token, never by comparing the token itself, so the time a
-- lookup takes says nothing about how much of a guessed token was right. Tokens are base64url text: their
-- bytes as bytea are their UTF-8 bytes.
ALTER TABLE offer ADD COLUMN view_token_hash bytea GENERATED ALWAYS AS (sha256(view_token::bytea)) STORED;
CREATE UNIQUE INDEX offer_view_token_hash ON offer (view_token_hash);
