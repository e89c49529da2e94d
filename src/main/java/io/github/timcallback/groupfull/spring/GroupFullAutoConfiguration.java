package io.github.timcallback.groupfull.spring;

import io.github.timcallback.groupfull.GroupFullCallbackServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Installs the receiver in a Spring Boot servlet application: the servlet
 * {@value GroupFullCallbackServlet#SERVLET_NAME} at {@code tim.path} (default
 * {@value SpringHost#DEFAULT_PATH}), and the {@link SpringHost} through which it finds Spring's
 * settings and listeners. Listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 *
 * <p>In a WAR deployed to a servlet container, the container has already registered the same
 * servlet from the classes jar's {@code web-fragment.xml} (at {@value SpringHost#DEFAULT_PATH});
 * it is then mapped to {@code tim.path} as well, and answers only there.
 *
 * <p>An application that declares a bean named {@code groupFullCallbackServlet} registers the
 * servlet itself.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ServletContextInitializer.class)
public class GroupFullAutoConfiguration {

    /** Spring's auto-configuration makes this; applications have no use for it. */
    public GroupFullAutoConfiguration() {
    }

    /**
     * Where the servlet finds Spring's settings and listeners.
     *
     * @param context the application
     * @return the receiver's view of it
     */
    @Bean
    @ConditionalOnMissingBean
    public SpringHost groupFullSpringHost(ApplicationContext context) {
        return new SpringHost(context);
    }

    /**
     * Registers the servlet at {@code tim.path}, or maps the one the container registered from
     * the web fragment there, and checks its settings and its forwarding target once every
     * servlet of the application is registered: a mistake stops the application's start.
     *
     * @param environment where {@code tim.path} is read
     * @return the registration, run as the servlet context starts
     */
    @Bean
    @ConditionalOnMissingBean(name = "groupFullCallbackServlet")
    public ServletContextInitializer groupFullCallbackServlet(Environment environment) {
        return new Registration(SpringHost.path(environment));
    }

    /**
     * Spring runs every {@link ServletContextInitializer} of the application (the
     * {@code DispatcherServlet}'s too) before it calls {@link #afterSingletonsInstantiated}, both in
     * an executable jar and in a WAR, and an exception there fails the start in both. A check in
     * {@link #onStartup} would come too early for a forwarding target registered after the
     * receiver; one in the servlet's {@code init} too late, since a plain Tomcat only logs it and
     * serves the rest of the application.
     */
    private static final class Registration implements ServletContextInitializer, SmartInitializingSingleton {

        private final String path;
        private ServletContext servletContext;

        Registration(String path) {
            this.path = path;
        }

        @Override
        public void onStartup(ServletContext servletContext) {
            ServletRegistration registered = servletContext.getServletRegistration(GroupFullCallbackServlet.SERVLET_NAME);
            if (registered == null) {
                ServletRegistration.Dynamic servlet = servletContext.addServlet(GroupFullCallbackServlet.SERVLET_NAME,
                        GroupFullCallbackServlet.class);
                servlet.setLoadOnStartup(1);
                servlet.addMapping(path);
            } else if (!registered.getMappings().contains(path)) {
                registered.addMapping(path);
            }
            this.servletContext = servletContext;
        }

        @Override
        public void afterSingletonsInstantiated() {
            if (servletContext != null) {
                GroupFullCallbackServlet.checkSettings(servletContext);
            }
        }
    }
}
