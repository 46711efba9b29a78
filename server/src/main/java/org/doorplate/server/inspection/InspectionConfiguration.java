package org.doorplate.server.inspection;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings under {@code doorplate.inspection}: the bounds of photo uploads. */
@ConfigurationProperties("doorplate.inspection")
public class InspectionConfiguration {
    private int maxPhotoBytes = 5 * 1024 * 1024;
    private int maxPhotosPerMarker = 10;

    /** Largest photo accepted, bytes (keep micronaut.server.multipart.max-file-size above it). */
    public int getMaxPhotoBytes() {
        return maxPhotoBytes;
    }

    public void setMaxPhotoBytes(int maxPhotoBytes) {
        this.maxPhotoBytes = maxPhotoBytes;
    }

    /** Most photos one marker's record may hold in one inspection. */
    public int getMaxPhotosPerMarker() {
        return maxPhotosPerMarker;
    }

    public void setMaxPhotosPerMarker(int maxPhotosPerMarker) {
        this.maxPhotosPerMarker = maxPhotosPerMarker;
    }
}
