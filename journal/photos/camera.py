"""Which camera took a photo: its make, model and serial number, as the file's EXIF says.

One value names a camera everywhere — in what the import reads from a file, on the photo's row,
in the clock corrections the user sets per camera, and in what a damaged library gives back — so
a correction is always matched against the same spelling of its camera.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CameraKey:
    """Identifies a camera, so that its clock can be corrected; "" where the file did not say."""

    make: str = ""
    model: str = ""
    serial: str = ""

    @property
    def label(self) -> str:
        """ "Canon EOS R6 (#0123)": the model already names its maker more often than not."""
        make, model = self.make.strip(), self.model.strip()
        name = model if make and model.lower().startswith(make.lower()) else f"{make} {model}"
        name = name.strip()
        if not name:
            return "Unknown camera"
        return f"{name} (#{self.serial})" if self.serial else name
