package com.example.im;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/** The application: {@code java -jar} starts it with its embedded Tomcat, a servlet container starts its WAR. */
@SpringBootApplication
public class ImApplication extends SpringBootServletInitializer {

    public static void main(String[] args) {
        SpringApplication.run(ImApplication.class, args);
    }

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder application) {
        return application.sources(ImApplication.class);
    }
}
