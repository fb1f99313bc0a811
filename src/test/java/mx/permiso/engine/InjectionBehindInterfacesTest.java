package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
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
    @Value("${part.size:7}")
    int size;
    int initialised;
    int destroyed;

    @PostConstruct
    void init() {
      initialised++;
    }

    @PreDestroy
    void destroy() {
      destroyed++;
    }
  }

  @Test
  void beanDeclaredByAnInterfaceGetsItsMembersAndItsInitialisationOnce() {
    Configured part;
    try (GenericApplicationContext context = context(true, Part.class)) {
      part = context.getBean("part", Configured.class);
      assertThat(part.settings).isSameAs(context.getBean(Settings.class));
      assertThat(part.size).isEqualTo(7);
      assertThat(part.initialised).isOne();
      assertThat(context.getBeanFactory().getDependentBeans("settings")).as("shut down before its dependency")
          .containsExactly("part");
    }
    assertThat(part.destroyed).isOne();
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
    // As the packaged application's start sets it up: @Value understood, no annotation post-processors.
    context.getDefaultListableBeanFactory().setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver());
    context.registerBean("settings", Settings.class, Settings::new);
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
