package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Put on an {@link OfferDeskTest} to run it in production mode with a configuration production accepts
 * (a strong secret key, an https public URL, no demo password): what a real install looks like, still on
 * loopback and a random port. There are no demo organizations; create tenants with {@code TestTenants}. The
 * demo history is asked for ({@code offerdesk.demo.data=year}) to show that production never seeds it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {"offerdesk.mode=production",
    "offerdesk.secret-key=q3J0x9vN2mL8sT4kW7pZ1aB6cD5eF0gH+iJ/kL2mN4o=",
    "offerdesk.public-url=https://offerdesk.example.com", "offerdesk.admin-password=", "offerdesk.bootstrap-token=",
    "offerdesk.bootstrap-reseller-token=", "offerdesk.demo.data=year"})
public @interface ProductionMode {}
