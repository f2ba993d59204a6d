"""The Django project an operator writes to serve django-ogc-sensorthings (its README's Quick Start:
the two apps, the four settings, the URL include, then ``migrate``), on SQLite. Configuration only:
the SensorThings service is the product's own code."""
