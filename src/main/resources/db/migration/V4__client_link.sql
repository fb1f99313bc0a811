-- The client's personal link to their case: one secret token per case, dead once the case ends.
create table client_link (
  case_number varchar(32) primary key,
  token       varchar(64) not null,
  created_at  timestamp with time zone not null,
  revoked_at  timestamp with time zone,
  constraint client_link_token_uk unique (token)
);
