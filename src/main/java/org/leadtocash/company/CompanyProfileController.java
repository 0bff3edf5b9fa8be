package org.leadtocash.company;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The company profile over REST, for group {@code camunda-admin} only (403 for anyone else); the Admin plugin
 * "公司信息 Company profile" uses it with the webapp login.
 * <ul>
 * <li>{@code GET /api/company-profile}: the fields, {@code complete} and what is {@code missing} (field, zh, en)</li>
 * <li>{@code PUT /api/company-profile} {@code {"sellerName","taxNumber","addressPhone","bankName","bankAccount",
 * "watermark"}}: replaces them (blank clears); 400 naming field and rule (e.g. {@code taxNumber} / {@code credit-code})</li>
 * <li>{@code PUT /api/company-profile/logo} (multipart {@code file}, PNG or JPEG, at most 512 KB), {@code GET} it,
 * {@code DELETE} it</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api/company-profile")
class CompanyProfileController {
    private final CompanyProfile profile;
    private final CurrentUser currentUser;

    CompanyProfileController(CompanyProfile profile, CurrentUser currentUser) {
        this.profile = profile;
        this.currentUser = currentUser;
    }

    /** A missing field by its JSON key and labels. */
    public record Missing(String field, String zh, String en) {
    }

    /** The stored logo: type, size and where to read it. */
    public record Logo(String contentType, int bytes, String url) {
    }

    /** The profile as the API shows it (the logo by reference). */
    public record ProfileView(String sellerName, String taxNumber, String addressPhone, String bankName,
                              String bankAccount, String watermark, Logo logo, boolean complete, List<Missing> missing,
                              boolean demo, String updatedBy, Instant updatedAt) {
        static ProfileView of(CompanyDetails d) {
            return new ProfileView(d.sellerName(), d.taxNumber(), d.addressPhone(), d.bankName(), d.bankAccount(),
                    d.watermark(), d.hasLogo() ? new Logo(d.logoContentType(), d.logo().length, "/api/company-profile/logo") : null,
                    d.complete(), d.missing().stream().map(f -> new Missing(f.key(), f.zh(), f.en())).toList(), d.demo(),
                    d.updatedBy(), d.updatedAt());
        }
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ProfileView get() {
        currentUser.requireAnyGroup(Groups.ADMIN);
        return ProfileView.of(profile.current());
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ProfileView put(@RequestBody CompanyProfileEdit edit) {
        currentUser.requireAnyGroup(Groups.ADMIN);
        return ProfileView.of(profile.save(edit, currentUser.id()));
    }

    @PutMapping(path = "/logo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ProfileView putLogo(@RequestParam(name = "file", required = false) MultipartFile file) {
        currentUser.requireAnyGroup(Groups.ADMIN);
        if (file == null) {
            throw new InvalidInputException("file", "required", "徽标 logo: send the image as multipart part \"file\"");
        }
        try {
            return ProfileView.of(profile.saveLogo(file.getBytes(), currentUser.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(path = "/logo")
    public ResponseEntity<byte[]> logo() {
        currentUser.requireAnyGroup(Groups.ADMIN);
        CompanyDetails d = profile.current();
        if (!d.hasLogo()) {
            throw new NotFoundException("no company logo has been uploaded");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.logoContentType()))
                .cacheControl(CacheControl.noStore()).body(d.logo());
    }

    @DeleteMapping(path = "/logo", produces = MediaType.APPLICATION_JSON_VALUE)
    public ProfileView deleteLogo() {
        currentUser.requireAnyGroup(Groups.ADMIN);
        return ProfileView.of(profile.removeLogo(currentUser.id()));
    }
}
