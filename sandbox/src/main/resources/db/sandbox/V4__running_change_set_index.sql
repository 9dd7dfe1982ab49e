-- StartChangeSet counts an account's running change sets against its quota on every call.
CREATE INDEX change_set_running ON change_set (account_id) WHERE status IN ('PREPARING', 'APPLYING');
