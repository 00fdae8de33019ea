"""Refuse oversized request bodies before any of their files reach the disk."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from editor.images import MAX_UPLOAD_BYTES

# The image limit plus room for the multipart framing and the other form fields.
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024


class RequestSizeCapHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: a body over the cap stores no file at all.

    Django streams uploads to temporary files with no overall limit (DATA_UPLOAD_MAX_MEMORY_SIZE
    leaves files out), and the CSRF check parses the body before any view runs, so the cap
    belongs here. The view then sees no file and answers 413.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.too_large = content_length > MAX_REQUEST_BYTES

    def new_file(self, *args, **kwargs):
        if self.too_large:
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
