-- Case numbers EXR-<year>-<sequence>: one counter per year.
create table case_number_counter (
  counter_year integer primary key,
  last_value   integer not null
);
