-- One row per case, kept up to date by the engine's history events in the transaction of each
-- step (mx.permiso.caseboard.CaseProjection): the case board and the metrics read this table on
-- its indexes instead of the engine's variables. After the retention period the personal
-- columns are cleared and the row stays as the case's anonymised record.
create table case_summary (
  case_number            varchar(32)   primary key,
  process_instance_id    varchar(64)   not null,
  status                 varchar(12)   not null,
  phase                  varchar(12)   not null,
  client_name            varchar(200),
  client_search          varchar(200),
  client_email           varchar(320),
  language               varchar(2),
  scenario               varchar(20),
  departure_date         date,
  planned_return_date    date,
  latest_request_date    date,
  appointment_date       date,
  permit_date            date,
  return_by_date         date,
  reentry_date           date,
  permit_return_due_date date,
  next_deadline          date,
  next_deadline_kind     varchar(20),
  task_due_at            timestamp with time zone,
  task_name              varchar(300),
  assignee               varchar(128),
  started_at             timestamp with time zone not null,
  ended_at               timestamp with time zone,
  anonymised_at          timestamp with time zone,
  constraint case_summary_instance_uk unique (process_instance_id)
);

create index case_summary_deadline_idx on case_summary (status, next_deadline, case_number);
create index case_summary_phase_idx on case_summary (status, phase, next_deadline);
create index case_summary_scenario_idx on case_summary (status, scenario, next_deadline);
create index case_summary_task_due_idx on case_summary (status, task_due_at);
create index case_summary_ended_idx on case_summary (status, ended_at);

-- The open staff tasks of each case, from the same events: the board shows the earliest due.
create table case_task (
  task_id             varchar(64)  primary key,
  process_instance_id varchar(64)  not null,
  name                varchar(300),
  assignee            varchar(128),
  due_at              timestamp with time zone,
  created_at          timestamp with time zone not null
);

create index case_task_instance_idx on case_task (process_instance_id, due_at);
