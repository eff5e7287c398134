package dev.parley.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bean Validation of a text's length in characters (Unicode code points), the unit of every length in the
 * contract, as usernames and message content count it too. {@code @Size} counts UTF-16 units instead, in
 * which a character outside the Basic Multilingual Plane (most emoji) counts twice.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Characters.Validator.class)
public @interface Characters {

    int min() default 0;

    int max();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Characters, String> {

        private int min;
        private int max;

        @Override
        public void initialize(Characters characters) {
            min = characters.min();
            max = characters.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true; // @NotNull says whether it may be missing
            }
            // A character is one or two units: a text too long or too short in units needs no counting.
            if (value.length() < min || value.length() > 2L * max) {
                return false;
            }
            int characters = value.codePointCount(0, value.length());
            return characters >= min && characters <= max;
        }
    }
}
