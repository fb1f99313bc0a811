-- Outcomes got longer names (DID_NOT_TRAVEL): room for any outcome the case board may record.
alter table case_summary alter column status set data type varchar(32);
