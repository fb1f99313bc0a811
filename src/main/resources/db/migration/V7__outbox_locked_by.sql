-- The node that holds a message while it sends it (permiso.node-name), cleared once the attempt
-- is recorded: operators see which node is sending what, and a message held by a node that has
-- gone is taken by another when locked_until passes.
alter table outbox_message add column locked_by varchar(100);
