from rest_framework.routers import SimpleRouter

from sahakar.venues.api.views import VenueViewSet

router = SimpleRouter()
router.register("venues", VenueViewSet)
urlpatterns = router.urls
