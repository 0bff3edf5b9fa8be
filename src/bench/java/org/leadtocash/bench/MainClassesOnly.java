package org.leadtocash.bench;

import java.net.URL;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The benchmark runs with the test classpath (for embedded PostgreSQL), so component scanning of {@code org.leadtocash}
 * would also pick up test fixtures from {@code target/test-classes}. This drops those bean definitions: the app under
 * test is exactly the main code.
 */
final class MainClassesOnly implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                // scanning has not happened yet; see postProcessBeanFactory
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
                BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
                for (String name : registry.getBeanDefinitionNames()) {
                    String className = registry.getBeanDefinition(name).getBeanClassName();
                    if (className != null && className.startsWith("org.leadtocash.") && fromTestClasses(className)) {
                        registry.removeBeanDefinition(name);
                    }
                }
            }
        });
    }

    private static boolean fromTestClasses(String className) {
        try {
            Class<?> type = ClassUtils.forName(className, MainClassesOnly.class.getClassLoader());
            URL location = type.getProtectionDomain().getCodeSource().getLocation();
            return location != null && location.getPath().contains("test-classes");
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }
}
