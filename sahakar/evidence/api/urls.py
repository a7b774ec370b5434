"""The evidence room's API: each part registers its viewsets on one router."""

from rest_framework.routers import SimpleRouter

from sahakar.evidence.api import (
    destruction,
    disposal,
    events,
    exhibits,
    inventory,
    lab,
    stores,
    weights,
)

router = SimpleRouter()
for part in (stores, exhibits, events, lab, weights, disposal, destruction, inventory):
    part.register(router)
urlpatterns = router.urls
