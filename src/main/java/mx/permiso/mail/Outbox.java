package mx.permiso.mail;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import mx.permiso.config.LockingReads;
import mx.permiso.engine.NodeName;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox table: messages written with the step that causes them, taken by dispatchers
 * (several at once, on several nodes) and marked with what happened. A message being sent
 * carries the name of the node sending it ({@code locked_by}).
 */
@Repository
public class Outbox {

  /** Where a message stands. */
  public enum Status { PENDING, SENT, FAILED }

  private static final RowMapper<OutboxMessage> MESSAGE = (rs, row) -> new OutboxMessage(
      rs.getLong("id"), rs.getString("dedupe_key"), rs.getString("case_number"), rs.getString("process_instance_id"),
      rs.getString("notice_type"), rs.getString("language"), rs.getString("recipient"), rs.getString("subject"),
      rs.getString("body_text"), rs.getString("body_html"), Status.valueOf(rs.getString("status")),
      rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
      instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")), rs.getString("facts"));

  private static final String COLUMNS = "id, dedupe_key, case_number, process_instance_id, notice_type, language, "
      + "recipient, subject, body_text, body_html, status, attempts, next_attempt_at, last_error, created_at, sent_at, facts";

  /** Published in the transaction that wrote a message (after commit, the message can be sent). */
  public record EmailQueued(String dedupeKey) {
  }

  private final JdbcTemplate jdbc;
  private final String forUpdate;
  private final String node;
  private final ApplicationEventPublisher events;

  public Outbox(JdbcTemplate jdbc, DataSource dataSource, NodeName node, ApplicationEventPublisher events)
      throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.events = events;
    this.node = node.value();
    // Several dispatchers must not take the same rows.
    this.forUpdate = LockingReads.forUpdateClause(dataSource);
  }

  /**
   * Adds the message unless one with the same dedupe key exists; joins the caller's
   * transaction, so the row commits or rolls back with the step that wrote it.
   *
   * @return whether a row was added
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean enqueue(NewMessage message, Instant now) {
    Integer existing = jdbc.queryForObject("select count(*) from outbox_message where dedupe_key = ?",
        Integer.class, message.dedupeKey());
    if (existing != null && existing > 0) {
      return false;
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("insert into outbox_message (dedupe_key, case_number, "
          + "process_instance_id, notice_type, language, recipient, subject, body_text, body_html, facts, status, "
          + "attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
          new String[] {"id"});
      insert.setString(1, message.dedupeKey());
      insert.setString(2, message.caseNumber());
      insert.setString(3, message.processInstanceId());
      insert.setString(4, message.noticeType());
      insert.setString(5, message.language());
      insert.setString(6, message.recipient());
      insert.setString(7, message.mail().subject());
      insert.setString(8, message.mail().text());
      insert.setString(9, message.mail().html());
      insert.setString(10, message.facts());
      insert.setTimestamp(11, Timestamp.from(now));
      insert.setTimestamp(12, Timestamp.from(now));
      return insert;
    }, key);
    long id = key.getKey().longValue();
    attach(id, message.mail().attachments());
    events.publishEvent(new EmailQueued(message.dedupeKey()));
    return true;
  }

  private void attach(long id, List<ComposedMail.Attachment> attachments) {
    for (ComposedMail.Attachment attachment : attachments) {
      jdbc.update("insert into outbox_attachment (message_id, file_name, content_type, content) values (?, ?, ?, ?)",
          id, attachment.fileName(), attachment.contentType(), attachment.content());
    }
  }

  /**
   * Takes up to {@code limit} messages that are due, holding them for {@code lease} in this node's
   * name so no other dispatcher sends them meanwhile; a node that dies lets its messages go when
   * the lease ends.
   */
  @Transactional
  public List<OutboxMessage> claim(int limit, Instant now, Duration lease) {
    List<Long> ids = jdbc.queryForList("select id from outbox_message where status = 'PENDING' "
        + "and next_attempt_at <= ? and (locked_until is null or locked_until <= ?) order by next_attempt_at, id "
        + "limit ?" + forUpdate, Long.class,
        Timestamp.from(now), Timestamp.from(now), limit);
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = idList(ids);
    jdbc.update("update outbox_message set locked_until = ?, locked_by = ? where id in (" + in + ")",
        Timestamp.from(now.plus(lease)), node);
    return jdbc.query("select " + COLUMNS + " from outbox_message where id in (" + in + ") order by id", MESSAGE);
  }

  /** Of these messages, the ones with files to attach: one query for a dispatcher's round, not one per email. */
  public Set<Long> withAttachments(List<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.queryForList("select distinct message_id from outbox_attachment where message_id in ("
        + idList(messageIds) + ")", Long.class));
  }

  public List<ComposedMail.Attachment> attachments(long messageId) {
    return jdbc.query("select file_name, content_type, content from outbox_attachment where message_id = ? order by id",
        (rs, row) -> new ComposedMail.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)), messageId);
  }

  public void markSent(long id, Instant now) {
    jdbc.update("update outbox_message set status = 'SENT', sent_at = ?, attempts = attempts + 1, locked_until = null, "
        + "locked_by = null, last_error = null where id = ?", Timestamp.from(now), id);
  }

  /**
   * Records an email written when it was sent (ADR 015) as sent, storing what it said (subject, bodies
   * and the files it added) in the same commit: the row holds the email as sent, for one write to the
   * disk per email. Once only: a row that has its text keeps it.
   */
  @Transactional
  public void markSent(long id, Instant now, ComposedMail written) {
    markSent(id, now);
    int stored = jdbc.update("update outbox_message set subject = ?, body_text = ?, body_html = ? where id = ? "
        + "and body_text is null", written.subject(), written.text(), written.html(), id);
    if (stored > 0) {
      attach(id, written.attachments());
    }
  }

  /** Records a failed attempt: another try at {@code retryAt}, or none when it is null. */
  public void markAttemptFailed(long id, String error, Instant retryAt) {
    jdbc.update("update outbox_message set attempts = attempts + 1, locked_until = null, locked_by = null, "
            + "last_error = ?, status = ?, next_attempt_at = coalesce(?, next_attempt_at) where id = ?",
        abbreviate(error), retryAt == null ? Status.FAILED.name() : Status.PENDING.name(),
        retryAt == null ? null : Timestamp.from(retryAt), id);
  }

  /** Lets go of messages this node took but will not send now, so any dispatcher may take them at once. */
  public void release(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.update("update outbox_message set locked_until = null, locked_by = null where id in (" + idList(ids) + ") "
        + "and status = 'PENDING' and locked_by = ?", node);
  }

  /** One message of the case, locked until the transaction ends (a resend of it waits for another under way). */
  @Transactional(propagation = Propagation.MANDATORY)
  public java.util.Optional<OutboxMessage> lockOfCase(String caseNumber, long id) {
    return jdbc.query("select " + COLUMNS + " from outbox_message where case_number = ? and id = ? for update",
        MESSAGE, caseNumber, id).stream().findFirst();
  }

  /** The messages whose dedupe key starts with this, by status: the resends of one email. */
  public List<Status> statusesOfKeysStartingWith(String prefix) {
    return jdbc.queryForList("select status from outbox_message where dedupe_key like ? escape '!'", String.class,
        prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%").stream().map(Status::valueOf).toList();
  }

  /** Records that the message with this key is a resend of another. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void markResendOf(String dedupeKey, long originalId) {
    jdbc.update("update outbox_message set resend_of = ? where dedupe_key = ?", originalId, dedupeKey);
  }

  /** For each resent message of the case, the message it copies. */
  public java.util.Map<Long, Long> resendsOf(String caseNumber) {
    java.util.Map<Long, Long> resends = new java.util.HashMap<>();
    jdbc.query("select id, resend_of from outbox_message where case_number = ? and resend_of is not null",
        rs -> {
          resends.put(rs.getLong(1), rs.getLong(2));
        }, caseNumber);
    return resends;
  }

  /** Every message of a case, oldest first: the case's communication log. */
  public List<OutboxMessage> forCase(String caseNumber) {
    return jdbc.query("select " + COLUMNS + " from outbox_message where case_number = ? order by created_at, id",
        MESSAGE, caseNumber);
  }

  public long count(Status status) {
    Long count = jdbc.queryForObject("select count(*) from outbox_message where status = ?", Long.class, status.name());
    return count == null ? 0 : count;
  }

  private static String idList(List<Long> ids) {
    return String.join(",", ids.stream().map(String::valueOf).toList());
  }

  private static String abbreviate(String error) {
    String text = error == null ? "unknown error" : error;
    return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /**
   * What a process step asks to send: an email written in full ({@code mail}), or the facts to write
   * it from when it is sent ({@code facts}, ADR 015; {@code mail} then holds only the files the step attaches).
   */
  public record NewMessage(String dedupeKey, String caseNumber, String processInstanceId, String noticeType,
                           String language, String recipient, ComposedMail mail, String facts) {

    /** An email written in full. */
    public NewMessage(String dedupeKey, String caseNumber, String processInstanceId, String noticeType,
        String language, String recipient, ComposedMail mail) {
      this(dedupeKey, caseNumber, processInstanceId, noticeType, language, recipient, mail, null);
    }

    /** An email written from {@code facts} when it is sent, with the files the step attaches. */
    public static NewMessage toCompose(String dedupeKey, String caseNumber, String processInstanceId,
        String noticeType, String language, String recipient, String facts, List<ComposedMail.Attachment> files) {
      return new NewMessage(dedupeKey, caseNumber, processInstanceId, noticeType, language, recipient,
          new ComposedMail(null, null, null, files), facts);
    }
  }
}
