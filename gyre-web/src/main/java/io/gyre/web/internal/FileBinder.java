package io.gyre.web.internal;

import io.gyre.web.UploadedFile;
import io.gyre.web.ValidationError;
import java.util.List;
import java.util.Optional;

/** Binds uploaded files of a multipart body: one, an Optional, or a List. */
final class FileBinder implements Binder {
    private final String name;
    private final SimpleBinder.Shape shape;

    FileBinder(String name, SimpleBinder.Shape shape) {
        this.name = name;
        this.shape = shape;
    }

    @Override
    public Object bind(RequestState request, List<ValidationError> errors) {
        List<UploadedFile> files = request.form().files().getOrDefault(name, List.of());
        return switch (shape) {
            case LIST -> List.copyOf(files);
            case OPTIONAL -> files.isEmpty() ? Optional.empty() : Optional.of(files.getFirst());
            case SINGLE -> {
                if (files.isEmpty()) {
                    errors.add(new ValidationError("missing", List.of("body", name), "Field required", Optional.empty()));
                    yield null;
                }
                yield files.getFirst();
            }
        };
    }
}
