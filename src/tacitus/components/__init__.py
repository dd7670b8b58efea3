"""Tacitus' spaCy pipeline components. Factories are registered in `tacitus.registrations`."""
