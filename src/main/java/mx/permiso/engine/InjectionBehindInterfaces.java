package mx.permiso.engine;

import org.springframework.aot.AotDetector;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AutowiredAnnotationBeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.annotation.CommonAnnotationBeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * In the packaged application, whose beans were worked out when it was built (ahead-of-time processing,
 * ADR 016), fills the {@code @Autowired}, {@code @Value} and {@code @Resource} members of a bean and runs its
 * {@code @PostConstruct} (and at the end {@code @PreDestroy}) methods when the {@code @Bean} method that made it
 * declares only an interface.
 * The build sees the declared type, not the class returned, so it writes no code for that class's members;
 * the Camunda starter's configuration parts ({@code DefaultProcessEngineConfiguration} and the others, each
 * declared as a {@code CamundaProcessEngineConfiguration}) take their settings that way. Started without
 * ahead-of-time processing ({@code ./mvnw spring-boot:run}, the tests), Spring does this itself and this does
 * nothing.
 */
@Component
class InjectionBehindInterfaces implements DestructionAwareBeanPostProcessor, BeanFactoryAware {

  private final AutowiredAnnotationBeanPostProcessor autowired = new AutowiredAnnotationBeanPostProcessor();
  private final CommonAnnotationBeanPostProcessor common = new CommonAnnotationBeanPostProcessor();
  private final boolean aheadOfTime;
  private ConfigurableListableBeanFactory beans;

  InjectionBehindInterfaces() {
    this(AotDetector.useGeneratedArtifacts());
  }

  InjectionBehindInterfaces(boolean aheadOfTime) {
    this.aheadOfTime = aheadOfTime;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    beans = (ConfigurableListableBeanFactory) beanFactory;
    autowired.setBeanFactory(beanFactory);
    common.setBeanFactory(beanFactory);
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (aheadOfTime && declaredAsInterface(beanName)) {
      // As the two post-processors do: members filled (the bean recorded as their dependant), then initialised.
      autowired.postProcessProperties(new MutablePropertyValues(), bean, beanName);
      common.postProcessProperties(new MutablePropertyValues(), bean, beanName);
      common.postProcessBeforeInitialization(bean, beanName);
    }
    return bean;
  }

  @Override
  public boolean requiresDestruction(Object bean) {
    return aheadOfTime && common.requiresDestruction(bean);
  }

  /** Its {@code @PreDestroy} methods, for a bean this initialised. */
  @Override
  public void postProcessBeforeDestruction(Object bean, String beanName) {
    if (aheadOfTime && declaredAsInterface(beanName)) {
      common.postProcessBeforeDestruction(bean, beanName);
    }
  }

  private boolean declaredAsInterface(String beanName) {
    if (!beans.containsBeanDefinition(beanName)) {
      return false;
    }
    Class<?> declared = beans.getMergedBeanDefinition(beanName).getResolvableType().resolve();
    return declared != null && declared.isInterface();
  }
}
