from rest_framework.routers import SimpleRouter

from sahakar.persons.api.views import PersonViewSet

router = SimpleRouter()
router.register("persons", PersonViewSet)
urlpatterns = router.urls
