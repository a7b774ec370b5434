from rest_framework.routers import SimpleRouter

from sahakar.seizures.api.views import SeizureViewSet

router = SimpleRouter()
router.register("seizures", SeizureViewSet)
urlpatterns = router.urls
