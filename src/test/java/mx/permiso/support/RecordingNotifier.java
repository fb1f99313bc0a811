package mx.permiso.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mx.permiso.cases.ClientNotifier;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;

/** Keeps every notice the process sends, so tests can assert what the client would receive. */
public final class RecordingNotifier implements ClientNotifier {

  private final List<Notice> sent = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void send(Notice notice) {
    sent.add(notice);
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
  }
}
