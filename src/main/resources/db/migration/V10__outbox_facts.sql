-- A step writes what its email needs, not the email (ADR 015): the notice's facts and the moment
-- of the step, as JSON; the dispatcher writes subject and bodies from the firm's templates when it
-- takes the row, and stores them here. A row that already has its text (written before, or a
-- resend) is sent as it is.
alter table outbox_message add column facts text;
alter table outbox_message alter column subject drop not null;
alter table outbox_message alter column body_text drop not null;
alter table outbox_message alter column body_html drop not null;
