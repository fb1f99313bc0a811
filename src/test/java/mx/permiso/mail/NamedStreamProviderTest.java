package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class NamedStreamProviderTest {

  private final String before = System.getProperty(NamedStreamProvider.PROPERTY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(NamedStreamProvider.PROPERTY);
    } else {
      System.setProperty(NamedStreamProvider.PROPERTY, before);
    }
  }

  @Test
  void namesTheProviderTheScanWouldFind() {
    System.clearProperty(NamedStreamProvider.PROPERTY);
    String scanned = StreamProvider.provider().getClass().getName();

    new NamedStreamProvider().postProcessEnvironment(new MockEnvironment(), null);

    assertThat(System.getProperty(NamedStreamProvider.PROPERTY)).isEqualTo(scanned);
    assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(scanned);
  }

  @Test
  void leavesANameTheOperatorSetAsItIs() {
    System.setProperty(NamedStreamProvider.PROPERTY, "com.example.OwnStreamProvider");

    new NamedStreamProvider().postProcessEnvironment(new MockEnvironment(), null);

    assertThat(System.getProperty(NamedStreamProvider.PROPERTY)).isEqualTo("com.example.OwnStreamProvider");
  }
}
