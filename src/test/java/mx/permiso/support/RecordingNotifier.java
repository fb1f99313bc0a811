package mx.permiso.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mx.permiso.cases.ClientNotifier;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;

/** Keeps every notice the process sends, so tests can assert what the client would receive. */
public final class RecordingNotifier implements ClientNotifier {

  private final List<Notice> sent = Collections.synchronizedList(new ArrayList<>());
  private final Set<NoticeType> failing = ConcurrentHashMap.newKeySet();

  @Override
  public void send(Notice notice) {
    if (failing.contains(notice.type())) {
      throw new IllegalStateException("Cannot write the " + notice.type() + " email of " + notice.caseNumber());
    }
    sent.add(notice);
  }

  /** Notices of this type fail (as a broken template would) until {@link #clear()}. */
  public void failing(NoticeType type) {
    failing.add(type);
  }

  public List<Notice> sent() {
    return List.copyOf(sent);
  }

  public List<NoticeType> types() {
    return sent().stream().map(Notice::type).toList();
  }

  public List<Notice> of(NoticeType type) {
    return sent().stream().filter(notice -> notice.type() == type).toList();
  }

  public void clear() {
    sent.clear();
    failing.clear();
  }
}
