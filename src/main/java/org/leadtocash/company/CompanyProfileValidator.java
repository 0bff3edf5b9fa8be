package org.leadtocash.company;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.leadtocash.shared.CreditCode;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

/**
 * Checks an edit of the company profile and a logo upload; throws {@link InvalidInputException} naming every field and
 * rule broken. Blank means "not set" (the profile may be saved incomplete; what is missing is then refused where it
 * would be printed or sent). Values are stripped; the taxpayer id is upper-cased.
 */
final class CompanyProfileValidator {
    static final int MAX_SELLER_NAME = 100;
    static final int MAX_ADDRESS_PHONE = 200;
    static final int MAX_BANK_NAME = 100;
    static final int MAX_WATERMARK = 40;
    static final int MAX_LOGO_BYTES = 512 * 1024;
    static final int MAX_LOGO_PIXELS = 4096;
    private static final Pattern BANK_ACCOUNT = Pattern.compile("[0-9][0-9 -]*[0-9]");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private CompanyProfileValidator() {
    }

    static CompanyProfileEdit edit(CompanyProfileEdit raw) {
        if (raw == null) {
            throw new InvalidInputException("body", "required", "a JSON object with the profile fields is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String sellerName = text(errors, CompanyField.SELLER_NAME, raw.sellerName(), MAX_SELLER_NAME);
        String taxNumber = text(errors, CompanyField.TAX_NUMBER, raw.taxNumber(), 64);
        if (taxNumber != null && !errors.stream().anyMatch(e -> e.field().equals(CompanyField.TAX_NUMBER.key()))) {
            taxNumber = taxNumber.toUpperCase(Locale.ROOT);
            String problem = CreditCode.problem(taxNumber);
            if (problem != null) {
                errors.add(error(CompanyField.TAX_NUMBER, "credit-code",
                        "统一社会信用代码 unified social credit code: " + problem));
            }
        }
        String addressPhone = text(errors, CompanyField.ADDRESS_PHONE, raw.addressPhone(), MAX_ADDRESS_PHONE);
        String bankName = text(errors, CompanyField.BANK_NAME, raw.bankName(), MAX_BANK_NAME);
        String bankAccount = text(errors, CompanyField.BANK_ACCOUNT, raw.bankAccount(), 40);
        if (bankAccount != null) {
            int digits = (int) bankAccount.chars().filter(Character::isDigit).count();
            if (!BANK_ACCOUNT.matcher(bankAccount).matches() || digits < 8 || digits > 32) {
                errors.add(error(CompanyField.BANK_ACCOUNT, "bank-account",
                        "must be 8 to 32 digits, optionally grouped with spaces or hyphens, e.g. 1001 2345 6789 0123 456"));
            }
        }
        String watermark = text(errors, CompanyField.WATERMARK, raw.watermark(), MAX_WATERMARK);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new CompanyProfileEdit(sellerName, taxNumber, addressPhone, bankName, bankAccount, watermark);
    }

    /** @return the logo's content type, image/png or image/jpeg */
    static String logo(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException(CompanyField.LOGO.key(), "required", "徽标 logo: the file is empty");
        }
        if (bytes.length > MAX_LOGO_BYTES) {
            throw new InvalidInputException(CompanyField.LOGO.key(), "max-size", "徽标 logo: at most "
                    + MAX_LOGO_BYTES / 1024 + " KB, this file has " + (bytes.length + 1023) / 1024 + " KB");
        }
        String type = startsWith(bytes, PNG) ? "image/png"
                : bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF
                ? "image/jpeg" : null;
        if (type == null) {
            throw new InvalidInputException(CompanyField.LOGO.key(), "image-type", "徽标 logo: must be a PNG or JPEG image");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            image = null;
        }
        if (image == null) {
            throw new InvalidInputException(CompanyField.LOGO.key(), "image-type",
                    "徽标 logo: the " + type + " file cannot be read as an image");
        }
        if (image.getWidth() > MAX_LOGO_PIXELS || image.getHeight() > MAX_LOGO_PIXELS) {
            throw new InvalidInputException(CompanyField.LOGO.key(), "max-pixels", "徽标 logo: at most " + MAX_LOGO_PIXELS
                    + " × " + MAX_LOGO_PIXELS + " pixels, this one is " + image.getWidth() + " × " + image.getHeight());
        }
        return type;
    }

    /** Stripped, null when blank; checks length and control characters. */
    private static String text(List<FieldError> errors, CompanyField field, String raw, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(error(field, "max-length", "at most " + max + " characters"));
        }
        if (value.codePoints().anyMatch(cp -> Character.isISOControl(cp))) {
            errors.add(error(field, "no-control-characters", "must be one line without control characters"));
        }
        return value;
    }

    private static FieldError error(CompanyField field, String rule, String message) {
        return new FieldError(field.key(), rule, field.zh() + " " + field.en() + ": " + message);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
