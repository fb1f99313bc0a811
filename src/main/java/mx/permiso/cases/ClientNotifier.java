package mx.permiso.cases;

/** Where the engagement's messages go out: the port between the process and client communication. */
public interface ClientNotifier {

  void send(Notice notice);
}
