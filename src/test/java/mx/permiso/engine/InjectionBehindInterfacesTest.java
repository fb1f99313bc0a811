package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A context as the packaged application's is at start (ADR 016): bean definitions with their instance
 * suppliers, and no post-processors reading annotations.
 */
class InjectionBehindInterfacesTest {

  interface Part {
  }

  static class Settings {
  }

  static class Configured implements Part {
    @Autowired
    Settings settings;
    int initialised;

    @PostConstruct
    void init() {
      initialised++;
    }
  }

  @Test
  void beanDeclaredByAnInterfaceGetsItsMembersAndItsInitialisationOnce() {
    try (GenericApplicationContext context = context(true, Part.class)) {
      Configured part = context.getBean("part", Configured.class);
      assertThat(part.settings).isSameAs(context.getBean(Settings.class));
      assertThat(part.initialised).isOne();
    }
  }

  @Test
  void beanDeclaredByItsClassIsLeftToTheCodeTheBuildWrote() {
    assertLeftAlone(true, Configured.class);
  }

  @Test
  void withoutAheadOfTimeProcessingItDoesNothing() {
    assertLeftAlone(false, Part.class);
  }

  private static void assertLeftAlone(boolean aheadOfTime, Class<?> declared) {
    try (GenericApplicationContext context = context(aheadOfTime, declared)) {
      Configured part = context.getBean("part", Configured.class);
      assertThat(part.settings).isNull();
      assertThat(part.initialised).isZero();
    }
  }

  private static GenericApplicationContext context(boolean aheadOfTime, Class<?> declared) {
    GenericApplicationContext context = new GenericApplicationContext();
    context.registerBean(Settings.class, Settings::new);
    RootBeanDefinition part = new RootBeanDefinition(declared);
    part.setInstanceSupplier(Configured::new);
    context.registerBeanDefinition("part", part);
    context.getBeanFactory().addBeanPostProcessor(beanPostProcessor(context, aheadOfTime));
    context.refresh();
    return context;
  }

  private static InjectionBehindInterfaces beanPostProcessor(GenericApplicationContext context, boolean aheadOfTime) {
    InjectionBehindInterfaces injection = new InjectionBehindInterfaces(aheadOfTime);
    injection.setBeanFactory(context.getBeanFactory());
    return injection;
  }
}
